import { safeUrl } from './messageContent.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import type { BroadcastView, PostArticle } from '../types.js';
import { t } from '../../i18n/index.js';

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
      <div className="ph-post ph-post-empty" aria-label={t('phoneChat.pushPost')}>
        {t('phoneChat.thisContentHasBeen')}
      </div>
    );
  }
  const cover = lead.coverUrl ? safeUrl(lead.coverUrl) : '';
  return (
    <div className={`ph-post ${post.deleted ? 'ph-post-deleted' : ''}`} aria-label={t('phoneChat.pushPost')} data-post-id={post.msgId}>
      {post.preview && <div className="ph-post-tag">{t('phoneChat.preview')}</div>}
      <button type="button" className="ph-post-lead" onClick={() => open(lead)} aria-label={lead.title} data-article-id={lead.id}>
        {cover ? <img src={cover} alt="" /> : <span className="ph-news-nopic" />}
        <span className="ph-post-lead-title">
          {lead.title}
          {lead.deleted && <span className="ph-post-gone"> {t('phoneChat.deleted')}</span>}
        </span>
      </button>
      {rest.length === 0 && lead.digest && <div className="ph-post-digest">{lead.digest}</div>}
      {rest.map((a) => (
        <button type="button" key={a.id} className="ph-post-item" onClick={() => open(a)} data-article-id={a.id}>
          <span className="ph-post-item-title">
            {a.title}
            {a.deleted && <span className="ph-post-gone"> {t('phoneChat.deleted')}</span>}
          </span>
          {a.coverUrl && safeUrl(a.coverUrl) ? <img src={safeUrl(a.coverUrl)} alt="" /> : <span className="ph-post-thumb-none" aria-hidden="true" />}
        </button>
      ))}
    </div>
  );
}
