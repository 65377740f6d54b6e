import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { follows } from '../../followers/schema.js';
import { conversationMessages } from '../schema.js';
import { entryColumns, type ConversationEntry } from './conversations.js';

/** SQL for the phone's chat list: one row per account a follower has messages with, and read marks. */

/** An account's latest message for a follower, and how many of the account's messages are unread. */
export interface ChatSummary {
  latest: ConversationEntry;
  verified: boolean;
  unread: number;
}

/**
 * Every conversation of a follower: the latest message with each account (newest first) and the
 * number of the account's messages the follower has not read.
 */
export async function listChatSummaries(db: Executor, userId: string): Promise<ChatSummary[]> {
  const latest = await db
    .selectDistinctOn([conversationMessages.accountId], { ...entryColumns, verified: accounts.verified })
    .from(conversationMessages)
    .innerJoin(accounts, eq(accounts.id, conversationMessages.accountId))
    .where(eq(conversationMessages.userId, userId))
    .orderBy(conversationMessages.accountId, desc(conversationMessages.id));
  const unread = await db
    .select({ accountId: conversationMessages.accountId, n: count() })
    .from(conversationMessages)
    .where(and(eq(conversationMessages.userId, userId), eq(conversationMessages.direction, 'out'), isNull(conversationMessages.readAt)))
    .groupBy(conversationMessages.accountId);
  const unreadOf = new Map(unread.map((r) => [r.accountId, Number(r.n)]));
  return latest
    .map(({ verified, ...entry }) => ({ latest: entry, verified, unread: unreadOf.get(entry.accountId) ?? 0 }))
    .sort((a, b) => b.latest.id - a.latest.id);
}

/** An account a follower follows, as its chat row needs it before any message. */
export interface FollowedAccount {
  accountId: string;
  appid: string;
  name: string;
  type: string;
  verified: boolean;
  followedAt: Date;
}

/**
 * Every account the follower follows now: following opens the account's chat in WeChat (a
 * service account's in Chats, a subscription account's in the Subscriptions folder) before any
 * message is exchanged.
 */
export async function listFollowedAccounts(db: Executor, userId: string): Promise<FollowedAccount[]> {
  const rows = await db
    .select({
      accountId: accounts.id,
      appid: accounts.appid,
      name: accounts.name,
      type: accounts.type,
      verified: accounts.verified,
      followedAt: follows.subscribedAt,
    })
    .from(follows)
    .innerJoin(accounts, eq(accounts.id, follows.accountId))
    .where(and(eq(follows.userId, userId), eq(follows.subscribed, true)));
  return rows.map((r) => ({ ...r, followedAt: r.followedAt ?? new Date(0) }));
}

/** Marks every message an account sent a follower as read; returns how many were unread. */
export async function markConversationRead(db: Executor, userId: string, accountId: string, at: Date): Promise<number> {
  const rows = await db
    .update(conversationMessages)
    .set({ readAt: at })
    .where(
      and(
        eq(conversationMessages.userId, userId),
        eq(conversationMessages.accountId, accountId),
        eq(conversationMessages.direction, 'out'),
        isNull(conversationMessages.readAt),
      ),
    )
    .returning({ id: conversationMessages.id });
  return rows.length;
}
