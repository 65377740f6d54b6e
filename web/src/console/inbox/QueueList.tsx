import type { ReactNode } from 'react';
import { Badge, EmptyState } from '../../ui/index.js';
import { since, span, windowShort } from './time.js';
import type { InboxView, Preview, ResponseInfo, SessionEntry, WaitingEntry, WindowInfo } from './types.js';

/** The list's tabs: the wait queue, my sessions, everything open. */
export type QueueTab = 'waiting' | 'mine' | 'all';

/** A response state as a small pill (nothing for answered or fresh inquiries). */
export function ResponseBadge({ response }: { response: ResponseInfo }) {
  if (response.state === 'overdue') return <Badge tone="red">Overdue</Badge>;
  if (response.state === 'at_risk') return <Badge tone="amber">At risk</Badge>;
  return null;
}

/** The follower's message window, in a few words. */
function WindowHint({ window: w, nowMs }: { window: WindowInfo; nowMs: number }) {
  return <span className={`window-hint ${w.state}`} title="Customer-service window">{windowShort(w, nowMs)}</span>;
}

function Item({ entry, preview, time, meta, selected, onSelect, tone }: {
  entry: { openid: string; nickname: string; remark: string };
  preview: Preview | null;
  time: string | null;
  meta: ReactNode;
  selected: boolean;
  onSelect(): void;
  tone?: 'overdue' | 'at_risk';
}) {
  const name = entry.remark || entry.nickname;
  return (
    <li>
      <button
        type="button"
        className={`queue-item ${selected ? 'selected' : ''} ${tone ?? ''}`}
        onClick={onSelect}
        aria-current={selected ? 'true' : undefined}
        data-openid={entry.openid}
      >
        <span className="queue-avatar" aria-hidden="true">{[...name][0]?.toUpperCase() ?? '?'}</span>
        <span className="queue-main">
          <span className="queue-top">
            <span className="queue-name">{name}</span>
            {time && <span className="queue-time">{time}</span>}
          </span>
          <span className="queue-preview">
            {preview ? `${preview.direction === 'out' ? 'You: ' : ''}${preview.text}` : <span className="muted">No messages yet</span>}
          </span>
          <span className="queue-meta">{meta}</span>
        </span>
      </button>
    </li>
  );
}

/** The left column: the wait queue, my sessions, or every open conversation. */
export function QueueList({ view, tab, onTab, selected, onSelect, nowMs }: {
  view: InboxView;
  tab: QueueTab;
  onTab(tab: QueueTab): void;
  selected: string | null;
  onSelect(openid: string): void;
  nowMs: number;
}) {
  const waitingItem = (w: WaitingEntry) => (
    <Item
      key={w.openid}
      entry={w}
      preview={w.preview}
      time={since(w.preview?.at ?? w.latest_time, nowMs)}
      selected={selected === w.openid}
      onSelect={() => onSelect(w.openid)}
      tone={w.response.state === 'overdue' || w.response.state === 'at_risk' ? w.response.state : undefined}
      meta={
        <>
          <Badge tone="blue">Waiting {w.waiting_since ? span(nowMs - new Date(w.waiting_since).getTime()) : ''}</Badge>
          {w.reserved_for && <span className="muted small">for {w.reserved_for}</span>}
          <ResponseBadge response={w.response} />
          <WindowHint window={w.window} nowMs={nowMs} />
        </>
      }
    />
  );
  const sessionItem = (s: SessionEntry, mine: boolean) => (
    <Item
      key={s.openid}
      entry={s}
      preview={s.preview}
      time={since(s.preview?.at ?? s.latest_time, nowMs)}
      selected={selected === s.openid}
      onSelect={() => onSelect(s.openid)}
      tone={s.response.state === 'overdue' || s.response.state === 'at_risk' ? s.response.state : undefined}
      meta={
        <>
          {mine ? <Badge tone="green">Mine</Badge> : <span className="muted small">With {s.kf_nickname ?? s.kf_account}</span>}
          {s.response.state === 'waiting' && <span className="muted small">Unanswered {span(s.response.waiting_ms)}</span>}
          <ResponseBadge response={s.response} />
          <WindowHint window={s.window} nowMs={nowMs} />
        </>
      }
    />
  );

  const counts = { waiting: view.waiting_count, mine: view.mine.length, all: view.waiting.length + view.mine.length + view.others.length };
  const items =
    tab === 'waiting'
      ? view.waiting.map(waitingItem)
      : tab === 'mine'
        ? view.mine.map((s) => sessionItem(s, true))
        : [...view.waiting.map(waitingItem), ...view.mine.map((s) => sessionItem(s, true)), ...view.others.map((s) => sessionItem(s, false))];
  const empty = {
    waiting: { title: 'Nobody is waiting', text: 'Followers sent to customer service appear here until a representative takes them.' },
    mine: { title: 'No conversations of yours', text: view.me ? 'Claim a waiting follower to start.' : 'Add yourself as a representative to take conversations.' },
    all: { title: 'No open conversations', text: 'Waiting followers and every representative’s sessions appear here.' },
  }[tab];

  return (
    <section className="inbox-col queue" aria-label="Conversations">
      <div className="queue-tabs" role="tablist" aria-label="Which conversations">
        {(['waiting', 'mine', 'all'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={`queue-tab ${tab === t ? 'active' : ''}`} onClick={() => onTab(t)}>
            {t === 'waiting' ? 'Waiting' : t === 'mine' ? 'Mine' : 'All'} <span className="queue-count">{counts[t]}</span>
          </button>
        ))}
      </div>
      {items.length === 0 ? (
        <EmptyState title={empty.title}>{empty.text}</EmptyState>
      ) : (
        <ul className="queue-list">{items}</ul>
      )}
      {tab === 'waiting' && view.waiting_count > view.waiting.length && (
        <div className="queue-more muted small">{view.waiting_count - view.waiting.length} more waiting after these.</div>
      )}
    </section>
  );
}
