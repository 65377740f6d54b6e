import { previewText, type MessageContent } from '../rules/conversation.js';
import type { FollowerMessageRow } from '../store/followerMessages.js';
import { presentFollowerBrief, type InboxFollower } from '../../followers/index.js';

/** What 消息管理 sends for a follower message. Each presenter lists its fields. */

/** The fields of a message's content the page shows (media by URL, never storage internals). */
function presentContent(msgType: string, c: MessageContent) {
  const s = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : undefined);
  const n = (k: string) => (typeof c[k] === 'number' ? (c[k] as number) : typeof c[k] === 'string' && c[k] !== '' && Number.isFinite(Number(c[k])) ? Number(c[k]) : undefined);
  switch (msgType) {
    case 'text':
      return { text: s('content') ?? '' };
    case 'image':
      return { url: s('url') ?? null };
    case 'voice':
      return { url: s('url') ?? null, format: s('format') ?? null, recognition: s('recognition') ?? null };
    case 'video':
    case 'shortvideo':
      return { url: s('url') ?? null, thumb_url: s('thumb_url') ?? null };
    case 'location':
      return { label: s('label') ?? '', latitude: n('location_x') ?? null, longitude: n('location_y') ?? null };
    case 'link':
      return { title: s('title') ?? '', description: s('description') ?? '', url: s('url') ?? null };
    default:
      return {};
  }
}

/** A follower message with its follower, starred and answered states. */
export function presentFollowerMessage(m: FollowerMessageRow, follower: InboxFollower | undefined) {
  return {
    id: m.id,
    follower: presentFollowerBrief(m.openid, follower),
    msgtype: m.msgType,
    text: previewText(m.msgType, m.content),
    content: presentContent(m.msgType, m.content),
    created_at: m.createdAt.toISOString(),
    starred: m.starred,
    answered: m.answeredAt ? { at: m.answeredAt.toISOString(), source: m.answeredBy ?? '' } : null,
  };
}
