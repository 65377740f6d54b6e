import type { ReactNode } from 'react';
import { Badge, EmptyState } from '../../ui/index.js';
import { since, span, windowShort } from './time.js';
import type { InboxView, Preview, ResponseInfo, SessionEntry, WaitingEntry, WindowInfo } from './types.js';
import { t } from '../../i18n/index.js';
import { previewLine } from '../../ui/previewLine.js';

/** The list's tabs: the wait queue, my sessions, everything open. */
export type QueueTab = 'waiting' | 'mine' | 'all';

/** A response state as a small pill (nothing for answered or fresh inquiries). */
export function ResponseBadge({ response }: { response: ResponseInfo }) {
  if (response.state === 'overdue') return <Badge tone="red">{t('inbox.overdue2')}</Badge>;
  if (response.state === 'at_risk') return <Badge tone="amber">{t('inbox.atRisk2')}</Badge>;
  return null;
}

/** The follower's message window, in a few words. */
function WindowHint({ window: w, nowMs }: { window: WindowInfo; nowMs: number }) {
  return <span className={`window-hint ${w.state}`} title={t('inbox.customerServiceWindow')}>{windowShort(w, nowMs)}</span>;
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
            {preview ? (preview.direction === 'out' ? t('inbox.youSaid', { text: previewLine(preview.parts) }) : previewLine(preview.parts)) : <span className="muted">{t('inbox.noMessagesYet2')}</span>}
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
          <Badge tone="blue">{t('inbox.waiting3', { value: w.waiting_since ? span(nowMs - new Date(w.waiting_since).getTime()) : '' })}</Badge>
          {w.reserved_for && <span className="muted small">{t('inbox.for', { reserved_for: w.reserved_for })}</span>}
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
          {mine ? <Badge tone="green">{t('inbox.mine')}</Badge> : <span className="muted small">{t('inbox.with')} {s.kf_nickname ?? s.kf_account}</span>}
          {s.response.state === 'waiting' && <span className="muted small">{t('inbox.unanswered', { value: span(s.response.waiting_ms) })}</span>}
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
    waiting: { title: t('inbox.nobodyIsWaiting'), text: t('inbox.followersSentToCustomer') },
    mine: { title: t('inbox.noConversationsOfYours'), text: view.me ? t('inbox.claimAWaitingFollower') : t('inbox.addYourselfAsA2') },
    all: { title: t('inbox.noOpenConversations'), text: t('inbox.waitingFollowersAndEvery') },
  }[tab];

  return (
    <section className="inbox-col queue" aria-label={t('inbox.conversations')}>
      <div className="queue-tabs" role="tablist" aria-label={t('inbox.whichConversations')}>
        {(['waiting', 'mine', 'all'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={`queue-tab ${tab === name ? 'active' : ''}`} onClick={() => onTab(name)}>
            {name === 'waiting' ? t('inbox.waiting') : name === 'mine' ? t('inbox.mine') : t('inbox.all')} <span className="queue-count">{counts[name]}</span>
          </button>
        ))}
      </div>
      {items.length === 0 ? (
        <EmptyState title={empty.title}>{empty.text}</EmptyState>
      ) : (
        <ul className="queue-list">{items}</ul>
      )}
      {tab === 'waiting' && view.waiting_count > view.waiting.length && (
        <div className="queue-more muted small">{t('inbox.moreWaitingAfterThese', { value: view.waiting_count - view.waiting.length })}</div>
      )}
    </section>
  );
}
