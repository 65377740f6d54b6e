import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, EmptyState, Loading, useToast } from '../../ui/index.js';
import { dateTime } from '../format.js';
import { answeredBy, windowLabel, windowProblem } from './time.js';
import type { Conversation } from './useConversation.js';
import type { ConversationMessage, InboxView, WindowInfo } from './types.js';
import { t } from '../../i18n/index.js';
import { messageLine } from '../../ui/previewLine.js';

/** The longest text reply: 2,048 bytes of UTF-8 (MAX_CUSTOM_TEXT_BYTES; the server checks it). */
const MAX_REPLY_BYTES = 2048;
const utf8 = new TextEncoder();

function Bubble({ m }: { m: ConversationMessage }) {
  const out = m.direction === 'out';
  const image = m.msgtype === 'image' && typeof m.content.url === 'string' ? m.content.url : null;
  return (
    <li className={`bubble-row ${out ? 'out' : 'in'} ${m.source === 'system' ? 'system' : ''}`} data-id={m.id}>
      <div className="bubble">
        {image ? <img src={image} alt={t('inbox.image')} className="bubble-image" /> : <span className="bubble-text">{messageLine(m.msgtype, m.content)}</span>}
      </div>
      <div className="bubble-meta">
        {out && <span className="bubble-who">{answeredBy(m)}</span>}
        <time dateTime={m.created_at ?? undefined}>{dateTime(m.created_at)}</time>
      </div>
    </li>
  );
}

/** The window as a coloured strip above the composer. */
function WindowStrip({ window: w, nowMs }: { window: WindowInfo; nowMs: number }) {
  const tone = w.state === 'open' ? 'open' : w.state === 'exhausted' ? 'exhausted' : 'closed';
  return (
    <div className={`window-strip ${tone}`} role="status" aria-label={t('inbox.customerServiceWindow')}>
      <span className="window-dot" aria-hidden="true" />
      {windowLabel(w, nowMs)}
    </div>
  );
}

/**
 * The middle column: the conversation both ways (who answered each message), the 48-hour
 * window, and a composer that sends through the customer-service API as my kf account.
 */
export function ConversationPane({ apiBase, openid, conversation, inbox, now, onInbox, onClaimed, onSent }: {
  apiBase: string;
  openid: string | null;
  conversation: Conversation;
  inbox: InboxView;
  now(): number;
  onInbox(view: InboxView): void;
  onClaimed(): void;
  /** A reply went out (the lists show it at once rather than at the next refresh). */
  onSent(): void;
}) {
  const toast = useToast();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [claiming, setClaiming] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const lastId = conversation.messages[conversation.messages.length - 1]?.id;

  // Keep the newest message in view as messages arrive.
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastId]);

  if (!openid) {
    return (
      <section className="inbox-col conversation" aria-label={t('inbox.conversation')}>
        <EmptyState title={t('inbox.chooseAConversation')}>{t('inbox.pickAFollowerOn')}</EmptyState>
      </section>
    );
  }
  if (conversation.error?.status === 404) {
    return (
      <section className="inbox-col conversation" aria-label={t('inbox.conversation')}>
        <EmptyState title={t('inbox.noSuchConversation')}>{t('inbox.thisFollowerDoesNot')}</EmptyState>
      </section>
    );
  }
  const page = conversation.page;
  if (!page) {
    return (
      <section className="inbox-col conversation" aria-label={t('inbox.conversation')}>
        {conversation.error ? <Alert tone="error" title={t('inbox.couldNotLoadThe')}>{conversation.error.message}</Alert> : <Loading />}
      </section>
    );
  }

  const me = inbox.me;
  const session = page.session;
  const mine = !!me && session?.status === 'active' && session.kf_account?.toLowerCase() === me.kf_account.toLowerCase();
  const blocked: { text: string; claim?: boolean } | null = !me
    ? { text: t('inbox.addYourselfAsA') }
    : session?.status === 'waiting'
      ? { text: t('inbox.thisFollowerIsWaiting'), claim: true }
      : session?.status === 'active' && !mine
        ? { text: t('inbox.isHandlingThisConversation', { value: session.kf_nickname ?? session.kf_account }) }
        : null;
  const problem = windowProblem(page.window);
  const bytes = utf8.encode(draft).length;

  const claim = async () => {
    setClaiming(true);
    try {
      onInbox(await consoleApi.post<InboxView>(`${apiBase}/inbox/${encodeURIComponent(openid)}/claim`));
      onClaimed();
      await conversation.reload();
      toast.show(t('inbox.theConversationIsYours'));
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setClaiming(false);
    }
  };

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const content = draft.trim();
    if (!content || sending) return;
    setSending(true);
    setSendError(null);
    try {
      await consoleApi.post(`${apiBase}/inbox/${encodeURIComponent(openid)}/reply`, { msgtype: 'text', content });
      setDraft('');
      onSent();
      await conversation.reload();
    } catch (err) {
      setSendError(errorMessage(err));
      await conversation.reload();
    } finally {
      setSending(false);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const name = page.follower.remark || page.follower.nickname;
  return (
    <section className="inbox-col conversation" aria-label={t('inbox.conversationWith', { name })}>
      <header className="conversation-header">
        <div>
          <h2 className="conversation-title">{name}</h2>
          <div className="conversation-sub">
            {session?.status === 'waiting' && <Badge tone="blue">{t('inbox.waiting')}</Badge>}
            {session?.status === 'active' && <Badge tone="green">{t('inbox.with')} {mine ? t('inbox.you') : (session.kf_nickname ?? session.kf_account)}</Badge>}
            {!session && <Badge>{t('inbox.noOpenSession')}</Badge>}
          </div>
        </div>
      </header>
      <ol className="messages" ref={list} aria-label={t('inbox.messages')}>
        {conversation.hasMore && (
          <li className="messages-earlier">
            <Button size="sm" variant="ghost" loading={conversation.loadingEarlier} onClick={() => void conversation.loadEarlier()}>
              {t('inbox.loadEarlierMessages')}
            </Button>
          </li>
        )}
        {conversation.messages.length === 0 && <li className="muted messages-empty">{t('inbox.noMessagesYet')}</li>}
        {conversation.messages.map((m) => (
          <Bubble key={m.id} m={m} />
        ))}
      </ol>
      <WindowStrip window={page.window} nowMs={now()} />
      {blocked ? (
        <div className="composer-blocked-wrap">
          {problem && (
            <div className="composer-alert">
              <Alert tone="warning">{problem}</Alert>
            </div>
          )}
          <div className="composer-blocked">
            <span>{blocked.text}</span>
            {blocked.claim && (
              <Button variant="primary" size="sm" loading={claiming} onClick={() => void claim()}>
                {t('inbox.claim')}
              </Button>
            )}
          </div>
        </div>
      ) : (
        <form className="composer" onSubmit={(e) => void send(e)}>
          {(sendError || problem) && (
            <div className="composer-alert">
              <Alert tone={sendError ? 'error' : 'warning'}>{sendError ?? problem}</Alert>
            </div>
          )}
          <textarea
            className="input composer-input"
            aria-label={t('inbox.reply')}
            placeholder={problem ? t('inbox.repliesAreNotPossible') : t('inbox.writeAReplyEnter')}
            value={draft}
            disabled={!!problem}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKey}
            rows={3}
          />
          <div className="composer-actions">
            <span className={`small ${bytes > MAX_REPLY_BYTES ? 'error-text' : 'muted'}`}>
              {bytes > MAX_REPLY_BYTES ? t('inbox.tooLongBytes', { bytes, MAX_REPLY_BYTES }) : t('inbox.sentAs', { value: me?.nickname ?? '', value2: me?.kf_account ?? '' })}
            </span>
            <Button type="submit" variant="primary" loading={sending} disabled={!!problem || !draft.trim() || bytes > MAX_REPLY_BYTES}>
              {t('inbox.send')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
