/**
 * What a conversation between a follower and an account holds (conversation_messages), as the
 * phone, the console inbox and the simulator read it. Pure definitions, no I/O.
 *
 * `content` by msg_type (Herald-hosted media carry `url`, a path such as /media/<media_id>;
 * other URLs are absolute):
 * - text: {content, bizmsgmenuid?}
 * - image: {media_id, url}
 * - voice: {media_id, url, format, recognition?}
 * - video, shortvideo: {media_id, thumb_media_id, url, thumb_url, title?, description?}
 * - location: {location_x, location_y, scale, label}
 * - link: {title, description, url, thumb_url?}
 * - music: {title, description, musicurl, hqmusicurl, thumb_media_id, thumb_url}
 * - news: {articles: [{title, description, url, picurl}]}
 * - mpnews: {media_id, articles: [], placeholder}   (materials are not stored yet)
 * - mpnewsarticle: {article_id, placeholder}
 * - msgmenu: {head_content, list: [{id, content}], tail_content}
 * - wxcard: {card_id}
 * - miniprogrampage: {title, appid, pagepath, thumb_media_id, thumb_url}
 * - system: {content}   (a notice the WeChat client shows, e.g. the account cannot answer now)
 */

export type Direction = 'in' | 'out';
export type MessageSource = 'user' | 'passive' | 'autoreply' | 'custom' | 'kf' | 'mass' | 'template' | 'subscribe' | 'system';
export type Placement = 'chats' | 'subscriptions';

/**
 * The outbound messages that answer a follower: a developer server's passive reply, an
 * auto-reply, a customer-service message (API, 消息管理 or the inbox). Push posts, template
 * messages and WeChat's own "cannot provide service" notice answer nobody.
 */
export const ANSWER_SOURCES: readonly MessageSource[] = ['passive', 'autoreply', 'custom', 'kf'];

/** A conversation message's type-specific fields. */
export type MessageContent = Record<string, unknown>;

/** What WeChat shows when the developer's server cannot answer (invalid reply, timeouts). */
export const SERVICE_UNAVAILABLE_TEXT = '该公众号暂时无法提供服务，请稍后再试';

/** Where the phone files an account's messages: service accounts in Chats, subscription accounts in the Subscriptions folder. */
export const placementOf = (accountType: string): Placement => (accountType === 'service' ? 'chats' : 'subscriptions');

/** Whether the phone notifies for a message: service accounts' messages do, subscription accounts' are silent. */
export const notifyOf = (accountType: string, direction: Direction): boolean => direction === 'out' && accountType === 'service';

/** The plain text of a message, for customer-service records and previews. */
export function previewText(msgType: string, content: MessageContent): string {
  const s = (k: string) => (typeof content[k] === 'string' ? (content[k] as string) : '');
  switch (msgType) {
    case 'text':
    case 'system':
      return s('content');
    case 'image':
      return '[image]';
    case 'voice':
      return s('recognition') ? `[voice] ${s('recognition')}` : '[voice]';
    case 'video':
    case 'shortvideo':
      return '[video]';
    case 'location':
      return `[location] ${s('label')}`.trim();
    case 'link':
    case 'music':
    case 'miniprogrampage':
      return `[${msgType}] ${s('title')}`.trim();
    case 'news': {
      const articles = Array.isArray(content.articles) ? (content.articles as Array<{ title?: unknown }>) : [];
      return `[news] ${typeof articles[0]?.title === 'string' ? articles[0].title : ''}`.trim();
    }
    case 'msgmenu':
      return s('head_content') || '[menu]';
    default:
      return `[${msgType}]`;
  }
}

/** Events whose passive reply the follower sees (they were doing something in the chat). */
const REPLYABLE_EVENTS = new Set([
  'subscribe', 'SCAN', 'CLICK', 'VIEW', 'view_miniprogram', 'LOCATION',
  'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select',
]);
/** Events after which a failed or invalid answer shows the follower WeChat's "cannot provide service" notice. */
const WAITING_EVENTS = new Set(['subscribe', 'SCAN', 'CLICK', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select']);

const eventOf = (label: string) => (label.startsWith('event:') ? label.slice(6) : undefined);

/** Whether a passive reply to this push (delivery kind and label) reaches the follower. */
export function replyReachesFollower(kind: string, label: string): boolean {
  if (kind === 'message') return true;
  const e = eventOf(label);
  return e !== undefined && REPLYABLE_EVENTS.has(e);
}

/** Whether the follower sees the "cannot provide service" notice when this push gets no valid answer. */
export function failureShownToFollower(kind: string, label: string): boolean {
  if (kind === 'message') return true;
  const e = eventOf(label);
  return e !== undefined && WAITING_EVENTS.has(e);
}
