import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, useToast } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { listTime } from '../kit/format.js';
import { phoneApi } from '../api.js';
import { Sheet } from '../sheets/Sheet.js';
import type { ArticleComment, ArticleState } from '../types.js';

/** The longest comment WeChat takes. */
const COMMENT_MAX = 600;

/**
 * 写留言: the featured comments (and the reader's own, shown only to them) and a box to write
 * one. Refusals (comments closed, followers only) are shown as the server words them.
 */
export function CommentSheet({ open, article, comments, onClose, onPosted }: {
  open: boolean;
  article: ArticleState;
  comments: ArticleComment[];
  onClose(): void;
  onPosted(c: ArticleComment): void;
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
      toast.show('Comment sent. It shows to others once the author features it.', 'success');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Sheet open={open} title="Comments · 留言" onClose={onClose} tall>
      <div className="ph-comments">
        {article.onlyFansCanComment && article.following === false && (
          <Alert tone="info">Only followers of {article.accountName} can comment on this article.</Alert>
        )}
        <ul className="ph-comment-list" aria-label="Comments">
          {comments.length === 0 && <li className="ph-muted ph-comment-empty">No featured comments yet.</li>}
          {comments.map((c) => (
            <li key={c.id} className="ph-comment">
              <Avatar name={c.nickname} seed={c.nickname} size={32} />
              <div className="ph-comment-main">
                <div className="ph-comment-who">
                  {c.nickname}
                  {c.mine && !c.featured && <span className="ph-tag">Only you can see this</span>}
                  <span className="ph-row-time">{listTime(c.createdAt)}</span>
                </div>
                <div className="ph-comment-text">{c.content}</div>
                {c.reply && (
                  <div className="ph-comment-reply">
                    <strong>Author</strong> {c.reply.content}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
        <div className="ph-comment-write">
          <textarea
            className="ph-input"
            aria-label="Write a comment"
            placeholder="Write a comment · 写留言"
            maxLength={COMMENT_MAX}
            value={text}
            rows={3}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" className="ph-send" onClick={send} disabled={busy || text.trim().length === 0}>
            Send
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
  { target: 'chat', label: 'Send to Chat', zh: '发送给朋友', color: '#07c160', glyph: '💬' },
  { target: 'group', label: 'Group Chat', zh: '发送到群聊', color: '#2f7cf6', glyph: '👥' },
  { target: 'moments', label: 'Moments', zh: '分享到朋友圈', color: '#f5a623', glyph: '◎' },
  { target: 'discover', label: 'Discover', zh: '看一看', color: '#fa5151', glyph: '✦' },
] as const;

/** The share sheet: to a chat, a group chat, Moments or Discover (看一看); each share is recorded. */
export function ShareSheet({ open, article, onClose, onShared }: { open: boolean; article: ArticleState; onClose(): void; onShared(shareCount: number): void }) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const share = async (t: (typeof TARGETS)[number]) => {
    setError(null);
    try {
      const r = await phoneApi.post<{ shareCount: number }>(`/articles/${encodeURIComponent(article.id)}/share`, { target: t.target });
      onShared(r.shareCount);
      toast.show(`Shared · ${t.label}`, 'success');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Sheet open={open} title="Share · 分享" onClose={onClose}>
      <div className="ph-share-grid">
        {TARGETS.map((t) => (
          <button key={t.target} type="button" className="ph-share-btn" onClick={() => share(t)}>
            <span className="ph-share-icon" style={{ background: t.color }} aria-hidden="true">
              {t.glyph}
            </span>
            <span>{t.label}</span>
            <small>{t.zh}</small>
          </button>
        ))}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </Sheet>
  );
}
