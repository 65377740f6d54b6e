import { useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, seg } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Badge, Button, TextArea, useToast } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { MessageContent } from './MessageContent.js';
import type { FollowerMessageEntry, ReplyWindow } from './types.js';

/** The sentence for a refused answer: the window's own words where the code says which. */
function refusal(err: unknown): string {
  if (err instanceof ApiError) {
    const closedAt = err.details?.closed_at;
    if (err.code === 'window_closed') return typeof closedAt === 'string' ? t('messages.windowClosedAt', { time: formatTime(closedAt) }) : t('messages.windowClosed');
    if (err.code === 'window_exhausted') return t('messages.windowUsedUp');
    if (err.code === 'not_following') return t('messages.notFollowing');
  }
  return errorMessage(err);
}

/** Where the follower's window stands, in a few words. */
function windowLabel(w: ReplyWindow): string {
  if (w.state === 'open') return w.closes_at ? t('messages.canReplyUntil', { time: formatTime(w.closes_at) }) : t('messages.canReply');
  if (w.state === 'exhausted') return t('messages.noRepliesLeft');
  return t('messages.cannotReply');
}

/**
 * One follower message: who, what, when, answered or not; the star and the reply form. The
 * form opens whatever the window says: the server is the judge, and its refusal says when the
 * window closed.
 */
export function MessageRow({ appid, message: m, onStarred, onAnswered, onFollower }: {
  appid: string;
  message: FollowerMessageEntry;
  onStarred(starred: boolean): void;
  onAnswered(): void;
  onFollower(): void;
}) {
  const toast = useToast();
  const [replying, setReplying] = useState(false);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [starring, setStarring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = useId();
  const name = m.follower.remark || m.follower.nickname;
  const base = accountApi(appid, `/messages/${seg(m.id)}`);

  const star = async () => {
    setStarring(true);
    try {
      const r = await consoleApi.put<{ starred: boolean }>(`${base}/star`, { starred: !m.starred });
      onStarred(r.starred);
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setStarring(false);
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    setError(null);
    try {
      await consoleApi.post(`${base}/reply`, { content: text });
      setText('');
      setReplying(false);
      toast.show(t('messages.replySent', { nickname: name }));
      onAnswered();
    } catch (err) {
      setError(refusal(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <li className="message-row" data-id={m.id}>
      {m.follower.avatar_url ? (
        <img className="avatar message-avatar" src={m.follower.avatar_url} alt="" />
      ) : (
        <span className="avatar message-avatar" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>
      )}
      <div className="message-main">
        <div className="message-head">
          <button type="button" className="message-follower" onClick={onFollower} title={t('messages.onlyThisFollower')}>
            {name}
          </button>
          <time className="muted small" dateTime={m.created_at}>{formatTime(m.created_at)}</time>
          {m.answered ? (
            <Badge tone="green" title={formatTime(m.answered.at)}>{t('messages.answered')}</Badge>
          ) : (
            <Badge tone="amber">{t('messages.notAnswered')}</Badge>
          )}
        </div>
        <MessageContent message={m} />
        <div className="message-window muted small">{windowLabel(m.window)}</div>
        {replying && (
          <form id={formId} className="message-reply" onSubmit={(e) => void send(e)}>
            <TextArea
              value={text}
              rows={3}
              maxLength={2048}
              aria-label={t('messages.replyTo', { nickname: name })}
              placeholder={t('messages.replyPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              autoFocus
            />
            {error && <Alert tone="error" title={t('messages.notSent')}>{error}</Alert>}
            <div className="message-reply-actions">
              <Button type="submit" variant="primary" size="sm" loading={sending} disabled={!text.trim()}>
                {t('messages.send')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => { setReplying(false); setError(null); }}>
                {t('messages.cancel')}
              </Button>
            </div>
          </form>
        )}
      </div>
      <div className="message-actions">
        <Button
          size="sm"
          variant="ghost"
          className={`message-star ${m.starred ? 'starred' : ''}`}
          aria-pressed={m.starred}
          aria-label={m.starred ? t('messages.unstar') : t('messages.star')}
          title={m.starred ? t('messages.unstar') : t('messages.star')}
          loading={starring}
          onClick={() => void star()}
        >
          <span aria-hidden="true">{m.starred ? '★' : '☆'}</span>
        </Button>
        {!replying && (
          <Button size="sm" onClick={() => setReplying(true)}>
            {t('messages.reply')}
          </Button>
        )}
      </div>
    </li>
  );
}
