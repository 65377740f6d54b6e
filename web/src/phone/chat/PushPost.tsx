import { safeUrl } from './messageContent.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import type { BroadcastView, PostArticle } from '../types.js';

/**
 * A push post of articles, as WeChat draws it: the lead article's cover with its title over it,
 * the other articles listed under it (title and thumbnail). A tap opens the in-phone article
 * view; deleted articles stay on the card, marked, and their page says so.
 */
export function PushPostCard({ post, markRead }: { post: BroadcastView; markRead?: boolean }) {
  const { openArticle } = usePhone();
  const open = (a: PostArticle) => {
    openArticle({ id: a.id, url: a.url, title: a.title, appid: post.appid, accountName: post.accountName, msgId: post.msgId });
    if (markRead) void phoneApi.post(`/broadcasts/${post.msgId}/read`).catch(() => undefined);
  };
  const [lead, ...rest] = post.articles;
  if (!lead) {
    return (
      <div className="ph-post ph-post-empty" aria-label="Push post">
        This content has been deleted by its author · 该内容已被发布者删除
      </div>
    );
  }
  const cover = lead.coverUrl ? safeUrl(lead.coverUrl) : '';
  return (
    <div className={`ph-post ${post.deleted ? 'ph-post-deleted' : ''}`} aria-label="Push post" data-post-id={post.msgId}>
      {post.preview && <div className="ph-post-tag">Preview · 预览</div>}
      <button type="button" className="ph-post-lead" onClick={() => open(lead)} aria-label={lead.title} data-article-id={lead.id}>
        {cover ? <img src={cover} alt="" /> : <span className="ph-news-nopic" />}
        <span className="ph-post-lead-title">
          {lead.title}
          {lead.deleted && <span className="ph-post-gone"> · Deleted 已删除</span>}
        </span>
      </button>
      {rest.length === 0 && lead.digest && <div className="ph-post-digest">{lead.digest}</div>}
      {rest.map((a) => (
        <button type="button" key={a.id} className="ph-post-item" onClick={() => open(a)} data-article-id={a.id}>
          <span className="ph-post-item-title">
            {a.title}
            {a.deleted && <span className="ph-post-gone"> · Deleted 已删除</span>}
          </span>
          {a.coverUrl && safeUrl(a.coverUrl) ? <img src={safeUrl(a.coverUrl)} alt="" /> : <span className="ph-post-thumb-none" aria-hidden="true" />}
        </button>
      ))}
    </div>
  );
}
