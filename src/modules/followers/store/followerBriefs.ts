import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { followerUsers, follows } from '../schema.js';

/**
 * The profiles of a few followers at once, as the console's inboxes show them beside their
 * messages: the customer-service inbox (kf) and 消息管理 (messaging).
 */

/** A follower as the inboxes show them. */
export interface InboxFollower {
  openid: string;
  nickname: string;
  avatarUrl: string;
  remark: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  subscribed: boolean;
  followedAt: Date;
}

/** openids an inbox may look up at once (the queue shows at most 100 plus the sessions). */
const MAX_LOOKUP = 1000;

/** Profiles of the account's followers with these openids (unknown openids are left out). */
export async function inboxFollowers(db: Executor, accountId: string, openids: readonly string[]): Promise<Map<string, InboxFollower>> {
  const wanted = [...new Set(openids)].slice(0, MAX_LOOKUP);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({
      openid: follows.openid,
      nickname: followerUsers.nickname,
      avatarUrl: followerUsers.avatarUrl,
      remark: follows.remark,
      sex: followerUsers.sex,
      country: followerUsers.country,
      province: followerUsers.province,
      city: followerUsers.city,
      language: followerUsers.language,
      subscribed: follows.subscribed,
      subscribedAt: follows.subscribedAt,
      createdAt: follows.createdAt,
    })
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(and(eq(follows.accountId, accountId), inArray(follows.openid, wanted)));
  return new Map(rows.map(({ subscribedAt, createdAt, ...r }) => [r.openid, { ...r, followedAt: subscribedAt ?? createdAt }]));
}
