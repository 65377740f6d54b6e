import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Badge, Button, TextArea } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { REPLY_MAX_CHARS, charCount } from '../../../../src/modules/reader/rules.js';
import type { ManagedComment } from './types.js';
import { t } from '../../i18n/index.js';

type Action = 'feature' | 'pin' | 'reply' | 'unreply' | 'delete' | 'block';

/** The sentence for a refusal of the comment commands, by the WeChat errcode they carry. */
function refusal(err: unknown): string {
  const errcode = (err as { details?: { errcode?: unknown } })?.details?.errcode;
  if (errcode === 88003) return t('comments.tooManyFeatured');
  if (errcode === 88005) return t('comments.alreadyReplied');
  if (errcode === 88007) return t('comments.replyLength', { max: REPLY_MAX_CHARS });
  if (errcode === 88008 || errcode === 88004) return t('comments.commentGone');
  return errorMessage(err);
}

/**
 * One comment in 留言管理: who wrote it on which article and when, its likes, the author's reply,
 * and the actions (精选, 回复, 置顶, 删除, 拉黑). Each action asks the server, then `onChanged`
 * refreshes the list.
 */
export function CommentItem({ appid, comment: c, onChanged, onArticle }: { appid: string; comment: ManagedComment; onChanged(): Promise<void>; onArticle(id: string): void }) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [confirm, setConfirm] = useState<'delete' | 'block' | null>(null);
  const base = accountApi(appid, `/comments/${encodeURIComponent(c.article_id)}/${c.id}`);

  const run = async (action: Action, call: () => Promise<unknown>) => {
    setBusy(action);
    setError(null);
    try {
      await call();
      setConfirm(null);
      if (action === 'reply') setEditing(false);
      await onChanged();
    } catch (err) {
      setError(refusal(err));
    } finally {
      setBusy(null);
    }
  };
  const replyChars = charCount(draft.trim());
  const startReply = () => {
    setDraft(c.reply?.content ?? '');
    setEditing(true);
  };

  return (
    <li className={`comment-item${c.pinned ? ' pinned' : ''}`} aria-labelledby={`comment-${c.id}-who`}>
      <div className="comment-head">
        <strong id={`comment-${c.id}-who`}>{c.commenter.nickname}</strong>
        {c.pinned && <Badge tone="blue">{t('comments.pinned')}</Badge>}
        {c.featured && <Badge tone="green">{t('comments.featured')}</Badge>}
        {c.commenter.blocked && <Badge tone="red">{t('comments.blocked')}</Badge>}
        <span className="comment-meta">
          <time dateTime={c.created_at}>{formatTime(c.created_at)}</time>
          <span>{t('comments.likes', { count: c.like_count })}</span>
        </span>
      </div>
      <div className="comment-article">
        {t('comments.onArticle')}{' '}
        <button type="button" className="link-button" onClick={() => onArticle(c.article_id)}>
          {c.article_title || t('comments.untitled')}
        </button>
      </div>
      <p className="comment-text">{c.content}</p>
      {c.reply && !editing && (
        <div className="comment-reply">
          <span className="comment-reply-label">{t('comments.authorReply')}</span> {c.reply.content}
          {c.reply.created_at && <div className="field-hint">{formatTime(c.reply.created_at)}</div>}
        </div>
      )}
      {editing && (
        <form
          className="comment-reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('reply', () => consoleApi.put(`${base}/reply`, { content: draft }));
          }}
        >
          <TextArea
            aria-label={t('comments.replyTo', { name: c.commenter.nickname })}
            value={draft}
            rows={3}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="comment-actions">
            <span className={`field-hint${replyChars > REPLY_MAX_CHARS ? ' over' : ''}`}>{t('comments.charCount', { n: replyChars, max: REPLY_MAX_CHARS })}</span>
            <Button size="sm" variant="primary" type="submit" loading={busy === 'reply'} disabled={busy !== null || replyChars < 1 || replyChars > REPLY_MAX_CHARS}>
              {t('comments.sendReply')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              {t('comments.cancel')}
            </Button>
          </div>
        </form>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {confirm ? (
        <div className="comment-actions comment-confirm" role="group" aria-label={t('comments.confirm')}>
          <span>{confirm === 'delete' ? t('comments.confirmDelete') : t('comments.confirmBlock', { name: c.commenter.nickname })}</span>
          <Button
            size="sm"
            variant="danger"
            loading={busy === confirm}
            onClick={() =>
              void (confirm === 'delete' ? run('delete', () => consoleApi.delete(base)) : run('block', () => consoleApi.post(`${base}/block`)))
            }
          >
            {confirm === 'delete' ? t('comments.delete') : t('comments.block')}
          </Button>
          {/* Keyboard focus moves into the question, on the safe answer. */}
          <Button size="sm" variant="ghost" autoFocus onClick={() => setConfirm(null)}>
            {t('comments.cancel')}
          </Button>
        </div>
      ) : (
        <div className="comment-actions" role="group" aria-label={t('comments.actionsFor', { name: c.commenter.nickname })}>
          <Button size="sm" loading={busy === 'feature'} disabled={busy !== null} aria-pressed={c.featured} onClick={() => void run('feature', () => consoleApi.put(`${base}/featured`, { featured: !c.featured }))}>
            {c.featured ? t('comments.unfeature') : t('comments.feature')}
          </Button>
          {!editing && (
            <Button size="sm" disabled={busy !== null} onClick={startReply}>
              {c.reply ? t('comments.editReply') : t('comments.reply')}
            </Button>
          )}
          {c.reply && !editing && (
            <Button size="sm" loading={busy === 'unreply'} disabled={busy !== null} onClick={() => void run('unreply', () => consoleApi.delete(`${base}/reply`))}>
              {t('comments.deleteReply')}
            </Button>
          )}
          <Button size="sm" loading={busy === 'pin'} disabled={busy !== null} aria-pressed={c.pinned} onClick={() => void run('pin', () => consoleApi.put(`${base}/pinned`, { pinned: !c.pinned }))}>
            {c.pinned ? t('comments.unpin') : t('comments.pin')}
          </Button>
          <Button size="sm" variant="danger" disabled={busy !== null} onClick={() => setConfirm('delete')}>
            {t('comments.delete')}
          </Button>
          {!c.commenter.blocked && (
            <Button size="sm" variant="danger" disabled={busy !== null} onClick={() => setConfirm('block')}>
              {t('comments.block')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
