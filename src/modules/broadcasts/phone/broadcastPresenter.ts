import type { Services } from '../../../main/services.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import { mediaPath } from '../../media/rules/media.js';
import { previewUrl } from '../../articles/index.js';
import type { PhoneMessage } from '../../messaging/index.js';
import type { PreviewParts } from '../../messaging/rules/conversation.js';
import { findPostArticles, findPostMedia, type ReceivedPost } from '../../reader/index.js';

/** An article of a push post, as its card draws it. */
export interface PostArticleView {
  id: string;
  title: string;
  digest: string;
  /** A path on this Herald (/media/<id>): the phone is served from the same origin. */
  coverUrl: string | null;
  /** The public page (/s/<id>); a signed preview link for a preview of unpublished articles. */
  url: string;
  /** Deleted by the account (the post or this article): the card stays, the page says so. */
  deleted: boolean;
}

/** A push post as the phone shows it (GET /phone/api/broadcasts/:msgId). */
export interface BroadcastView {
  msgId: number;
  appid: string;
  accountName: string;
  accountType: string;
  /** chats (service accounts, with a notification) | subscriptions (the folder, silent) */
  placement: string;
  notify: boolean;
  msgtype: string;
  createdAt: string;
  /** A preview (message/mass/preview) rather than a push to every follower. */
  preview: boolean;
  deleted: boolean;
  read: boolean;
  articles: PostArticleView[];
  text?: string;
  /** image, voice, mpvideo: the file (null when it is gone) and, for videos, title and description. */
  media?: { url: string; title: string; description: string } | null;
  /** wxcard */
  cardId?: string;
}

/** A push post in a conversation or a chat list: a phone message with the post beside it. */
export type PostMessage = PhoneMessage & { post: BroadcastView };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Loads what the posts' cards show (articles and media: two queries in all) and presents them. */
export async function presentBroadcasts(services: Pick<Services, 'db' | 'clock' | 'config' | 'keys'>, posts: ReceivedPost[]): Promise<BroadcastView[]> {
  const groups = await findPostArticles(services.db, posts.flatMap((p) => (p.msgtype === 'mpnews' && p.groupId ? [p.groupId] : [])));
  const media = await findPostMedia(services.db, posts.flatMap((p) => (p.msgtype === 'mpnews' ? [] : [str(p.payload.media_id)])));
  const views: BroadcastView[] = [];
  for (const p of posts) {
    const deleted = p.status === 'deleted';
    const view: BroadcastView = {
      msgId: p.id,
      appid: p.appid,
      accountName: p.accountName,
      accountType: p.accountType,
      placement: p.placement,
      notify: p.notify,
      msgtype: p.msgtype,
      createdAt: p.sentAt.toISOString(),
      preview: p.kind === 'preview',
      deleted,
      read: p.readAt !== null,
      articles: [],
    };
    if (p.msgtype === 'mpnews') {
      for (const a of (p.groupId ? groups.get(p.groupId) : undefined) ?? []) {
        view.articles.push({
          id: a.id,
          title: a.title,
          digest: a.digest,
          coverUrl: a.thumbMediaId ? mediaPath(a.thumbMediaId) : null,
          url: a.publishedAt ? articleUrl(services, a.id) : await previewUrl(services, a.id),
          deleted: deleted || a.isDeleted,
        });
      }
    } else if (p.msgtype === 'text') {
      view.text = str(p.payload.content);
    } else if (p.msgtype === 'wxcard') {
      view.cardId = str(p.payload.card_id);
    } else {
      const id = str(p.payload.media_id);
      const m = media.get(id);
      view.media = m ? { url: mediaPath(id), title: m.title || str(p.payload.title), description: m.introduction || str(p.payload.description) } : null;
    }
    views.push(view);
  }
  return views;
}

/** The one-line preview of a post in the chat list: its kind and its own words (the phone words the kind). */
export function postPreview(v: BroadcastView): PreviewParts {
  switch (v.msgtype) {
    case 'mpnews':
      return { kind: 'news', text: v.articles[0]?.title ?? '' };
    case 'text':
      return { kind: 'text', text: v.text ?? '' };
    case 'image':
      return { kind: 'image', text: '' };
    case 'voice':
      return { kind: 'voice', text: '' };
    case 'mpvideo':
      return { kind: 'video', text: v.media?.title ?? '' };
    case 'wxcard':
      return { kind: 'card', text: '' };
    default:
      return { kind: 'other', text: '' };
  }
}

/** The message content a post shows as (the shapes conversation messages use). */
function contentOf(v: BroadcastView): Record<string, unknown> {
  if (v.msgtype === 'mpnews') {
    return { articles: v.articles.map((a) => ({ title: a.title, description: a.digest, url: a.url, picurl: a.coverUrl ?? '' })) };
  }
  if (v.msgtype === 'text') return { content: v.text ?? '' };
  if (v.msgtype === 'wxcard') return { card_id: v.cardId ?? '' };
  return v.media ? { url: v.media.url, title: v.media.title, description: v.media.description } : {};
}

/** A post as a phone message (source 'broadcast', id = msgId): what chat lists and conversations carry. */
export function postMessage(v: BroadcastView): PostMessage {
  return {
    id: v.msgId,
    appid: v.appid,
    account_name: v.accountName,
    account_type: v.accountType,
    direction: 'out',
    source: 'broadcast',
    msg_type: v.msgtype === 'mpvideo' ? 'video' : v.msgtype,
    content: contentOf(v),
    placement: v.placement,
    notify: v.notify,
    created_at: v.createdAt,
    kf_account: null,
    post: v,
  };
}
