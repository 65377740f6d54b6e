import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, useToast } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { listTime } from '../kit/format.js';
import { phoneApi } from '../api.js';
import { Sheet } from '../sheets/Sheet.js';
import type { ArticleComment, ArticleState } from '../types.js';
import { LikeIcon } from './articleIcons.js';
import { t } from '../../i18n/index.js';

/** The longest comment WeChat takes. */
const COMMENT_MAX = 600;

/**
 * 写留言: the featured comments (and the reader's own, shown only to them) and a box to write
 * one. Refusals (comments closed, followers only) are shown as the server words them.
 */
export function CommentSheet({ open, article, comments, onClose, onPosted, onLiked }: {
  open: boolean;
  article: ArticleState;
  comments: ArticleComment[];
  onClose(): void;
  onPosted(c: ArticleComment): void;
  onLiked(id: number, liked: boolean, likeCount: number): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const send = async () => {
    const content = text.trim();
    if (!content || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await phoneApi.post<{ comment: ArticleComment }>(`/articles/${encodeURIComponent(article.id)}/comments`, { content });
      onPosted(r.comment);
      setText('');
      toast.show(t('phoneArticle.commentSentItShows'), 'success');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const like = async (c: ArticleComment) => {
    try {
      const r = await phoneApi.post<{ liked: boolean; likeCount: number }>(`/articles/${encodeURIComponent(article.id)}/comments/${c.id}/like`, { on: !c.liked });
      onLiked(c.id, r.liked, r.likeCount);
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    }
  };
  return (
    <Sheet open={open} title={t('phoneArticle.comments')} onClose={onClose} tall>
      <div className="ph-comments">
        {article.onlyFansCanComment && article.following === false && (
          <Alert tone="info">{t('phoneArticle.onlyFollowersOfCan', { accountName: article.accountName })}</Alert>
        )}
        <ul className="ph-comment-list" aria-label={t('phoneArticle.comments2')}>
          {comments.length === 0 && <li className="ph-muted ph-comment-empty">{t('phoneArticle.noFeaturedCommentsYet')}</li>}
          {comments.map((c) => (
            <li key={c.id} className="ph-comment">
              <Avatar name={c.nickname} seed={c.nickname} size={32} />
              <div className="ph-comment-main">
                <div className="ph-comment-who">
                  {c.nickname}
                  {c.pinned && <span className="ph-tag">{t('phoneArticle.pinned')}</span>}
                  {c.mine && !c.featured && <span className="ph-tag">{t('phoneArticle.onlyYouCanSee')}</span>}
                  <span className="ph-row-time">{listTime(c.createdAt)}</span>
                  <button
                    type="button"
                    className={`ph-comment-like${c.liked ? ' on' : ''}`}
                    aria-pressed={c.liked}
                    aria-label={t('phoneArticle.likeComment', { count: c.likeCount })}
                    onClick={() => void like(c)}
                  >
                    <LikeIcon on={c.liked} />
                    {c.likeCount > 0 && <span>{c.likeCount}</span>}
                  </button>
                </div>
                <div className="ph-comment-text">{c.content}</div>
                {c.reply && (
                  <div className="ph-comment-reply">
                    <strong>{t('phoneArticle.author')}</strong> {c.reply.content}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
        <div className="ph-comment-write">
          <textarea
            className="ph-input"
            aria-label={t('phoneArticle.writeAComment')}
            placeholder={t('phoneArticle.writeAComment2')}
            maxLength={COMMENT_MAX}
            value={text}
            rows={3}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" className="ph-send" onClick={send} disabled={busy || text.trim().length === 0}>
            {t('phoneArticle.send')}
          </button>
        </div>
        {error && (
          <Alert tone="error">
            <span data-testid="comment-error">{error}</span>
          </Alert>
        )}
      </div>
    </Sheet>
  );
}

const TARGETS = [
  { target: 'chat', label: t('phoneArticle.sendToChat'), color: '#07c160', glyph: '💬' },
  { target: 'group', label: t('phoneArticle.groupChat'), color: '#2f7cf6', glyph: '👥' },
  { target: 'moments', label: t('phoneArticle.moments'), color: '#f5a623', glyph: '◎' },
  { target: 'discover', label: t('phoneArticle.discover'), color: '#fa5151', glyph: '✦' },
] as const;

/** The share sheet: to a chat, a group chat, Moments or Discover (看一看); each share is recorded. */
export function ShareSheet({ open, article, onClose, onShared, onReport }: { open: boolean; article: ArticleState; onClose(): void; onShared(shareCount: number): void; onReport(): void }) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const share = async (target: (typeof TARGETS)[number]) => {
    setError(null);
    try {
      const r = await phoneApi.post<{ shareCount: number }>(`/articles/${encodeURIComponent(article.id)}/share`, { target: target.target });
      onShared(r.shareCount);
      toast.show(t('phoneArticle.sharedTo', { target: target.label }), 'success');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Sheet open={open} title={t('phoneArticle.share')} onClose={onClose}>
      <div className="ph-share-grid">
        {TARGETS.map((target) => (
          <button key={target.target} type="button" className="ph-share-btn" onClick={() => share(target)}>
            <span className="ph-share-icon" style={{ background: target.color }} aria-hidden="true">
              {target.glyph}
            </span>
            <span>{target.label}</span>
          </button>
        ))}
      </div>
      <button type="button" className="ph-linkish ph-report-link" onClick={onReport}>
        {t('phoneReport.report')}
      </button>
      {error && <Alert tone="error">{error}</Alert>}
    </Sheet>
  );
}
