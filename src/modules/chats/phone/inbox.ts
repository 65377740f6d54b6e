import type { Services } from '../../../main/services.js';
import { placementOf, previewParts, type MessageContent, type PreviewParts } from '../../messaging/rules/conversation.js';
import { listChatSummaries, listFollowedAccounts, presentPhoneMessage, type PhoneMessage } from '../../messaging/index.js';
import { listPostSummaries } from '../../reader/index.js';
import { postMessage, postPreview, presentBroadcasts } from '../../broadcasts/index.js';
import { avatarsByAppid } from '../../accounts/index.js';
import { mediaPath } from '../../../platform/mediaUrl.js';

/** One account in a follower's chat list: its newest message or push post, whichever is later, and the unread total. */
export interface InboxEntry {
  appid: string;
  name: string;
  type: string;
  verified: boolean;
  /** The account's avatar address, or null (the phone draws the name's letter). */
  avatarUrl: string | null;
  /** chats | subscriptions (the folder) */
  placement: string;
  at: Date;
  /** The newest message's preview: its kind and its own words (the phone puts the kind in its reader's words). */
  preview: PreviewParts | null;
  unread: number;
  /** Null for an account followed but with nothing exchanged yet. */
  latest: PhoneMessage | null;
}

/**
 * The follower's chat list: conversations (conversation_messages) and received push posts
 * (broadcast_recipients) merged per account, newest first. Two set-based queries and one for
 * the cards of the newest posts. Accounts followed with nothing exchanged yet are listed too, at
 * the time of the follow (following opens the chat, as in WeChat).
 */
export async function listInbox(services: Pick<Services, 'db' | 'clock' | 'config' | 'keys'>, userId: string): Promise<InboxEntry[]> {
  const [chats, posts, followed] = await Promise.all([
    listChatSummaries(services.db, userId),
    listPostSummaries(services.db, userId),
    listFollowedAccounts(services.db, userId),
  ]);
  const byAccount = new Map<string, InboxEntry>();
  for (const s of chats) {
    byAccount.set(s.latest.accountId, {
      appid: s.latest.appid,
      name: s.latest.accountName,
      type: s.latest.accountType,
      verified: s.verified,
      avatarUrl: null,
      placement: s.latest.placement,
      at: s.latest.createdAt,
      preview: previewParts(s.latest.msgType, (s.latest.content ?? {}) as MessageContent),
      unread: s.unread,
      latest: presentPhoneMessage(s.latest),
    });
  }
  const views = await presentBroadcasts(services, posts.map((p) => p.latest));
  posts.forEach((p, i) => {
    const view = views[i];
    const have = byAccount.get(p.latest.accountId);
    const newer = !have || p.latest.sentAt.getTime() >= have.at.getTime();
    byAccount.set(p.latest.accountId, {
      appid: p.latest.appid,
      name: p.latest.accountName,
      type: p.latest.accountType,
      verified: p.latest.verified,
      avatarUrl: null,
      placement: newer ? p.latest.placement : have.placement,
      at: newer ? p.latest.sentAt : have.at,
      preview: newer ? postPreview(view) : have.preview,
      unread: (have?.unread ?? 0) + p.unread,
      latest: newer ? postMessage(view) : have.latest,
    });
  });
  for (const f of followed) {
    if (byAccount.has(f.accountId)) continue;
    byAccount.set(f.accountId, {
      appid: f.appid,
      name: f.name,
      type: f.type,
      verified: f.verified,
      avatarUrl: null,
      placement: f.type === 'subscription' ? 'subscriptions' : 'chats',
      at: f.followedAt,
      preview: null,
      unread: 0,
      latest: null,
    });
  }
  const entries = [...byAccount.values()];
  const avatars = await avatarsByAppid(services.db, entries.map((e) => e.appid));
  for (const e of entries) {
    // Filed by what the account is now: a subscription account converted to a service account
    // moves from the Subscriptions folder to Chats, while its messages keep the placement they had.
    e.placement = placementOf(e.type);
    const avatar = avatars.get(e.appid);
    if (avatar) e.avatarUrl = mediaPath(avatar);
  }
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
