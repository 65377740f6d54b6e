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

/**
 * What a one-line preview of a message is made of, for the phone to put in its reader's words: a
 * kind (WeChat's bracketed word: [图片], [语音], [位置] …) and the message's own words beside it
 * (a text, a title, a place). `text` kinds show only their words.
 */
export type PreviewKind =
  | 'text' | 'image' | 'voice' | 'video' | 'location' | 'link' | 'music' | 'miniprogram' | 'news' | 'menu' | 'card' | 'other';

export interface PreviewParts {
  kind: PreviewKind;
  /** The message's own words (may be empty): the text, a title, a place, a voice's recognition. */
  text: string;
}

/** The preview of a message: its kind and its own words (no language: the reader's words come from the phone). */
export function previewParts(msgType: string, content: MessageContent): PreviewParts {
  const s = (k: string) => (typeof content[k] === 'string' ? (content[k] as string) : '');
  switch (msgType) {
    case 'text':
    case 'system':
      return { kind: 'text', text: s('content') };
    case 'image':
      return { kind: 'image', text: '' };
    case 'voice':
      return { kind: 'voice', text: s('recognition') };
    case 'video':
    case 'shortvideo':
      return { kind: 'video', text: s('title') };
    case 'location':
      return { kind: 'location', text: s('label') };
    case 'link':
    case 'music':
      return { kind: msgType === 'link' ? 'link' : 'music', text: s('title') };
    case 'miniprogrampage':
      return { kind: 'miniprogram', text: s('title') };
    case 'news':
    case 'mpnews': {
      const articles = Array.isArray(content.articles) ? (content.articles as Array<{ title?: unknown }>) : [];
      return { kind: 'news', text: typeof articles[0]?.title === 'string' ? articles[0].title : '' };
    }
    case 'mpnewsarticle':
      return { kind: 'news', text: '' };
    case 'msgmenu':
      return s('head_content') ? { kind: 'text', text: s('head_content') } : { kind: 'menu', text: '' };
    case 'wxcard':
      return { kind: 'card', text: '' };
    default:
      return { kind: 'other', text: '' };
  }
}

/** English words for preview kinds, where Herald writes a preview down itself (customer-service records, the console's lists). */
const RECORD_WORDS: Record<Exclude<PreviewKind, 'text'>, string> = {
  image: 'image', voice: 'voice', video: 'video', location: 'location', link: 'link', music: 'music',
  miniprogram: 'miniprogrampage', news: 'news', menu: 'menu', card: 'wxcard', other: '',
};

/** The plain text of a message, for customer-service records and the console's lists. */
export function previewText(msgType: string, content: MessageContent): string {
  const { kind, text } = previewParts(msgType, content);
  if (kind === 'text') return text;
  return `[${RECORD_WORDS[kind] || msgType}] ${text}`.trim();
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
