import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { followerUsers, follows } from '../schema.js';

/** What user management reads of a follow relation. */
export interface FollowerRecord {
  accountId: string;
  userId: string;
  openid: string;
  unionid: string;
  subscribed: boolean;
  subscribedAt: Date | null;
  createdAt: Date;
  subscribeScene: string;
  qrScene: number;
  qrSceneStr: string;
  remark: string;
  /** The user's own language (zh_CN, en ...). */
  language: string;
}

const columns = {
  accountId: follows.accountId,
  userId: follows.userId,
  openid: follows.openid,
  unionid: follows.unionid,
  subscribed: follows.subscribed,
  subscribedAt: follows.subscribedAt,
  createdAt: follows.createdAt,
  subscribeScene: follows.subscribeScene,
  qrScene: follows.qrScene,
  qrSceneStr: follows.qrSceneStr,
  remark: follows.remark,
  language: followerUsers.language,
};

/**
 * The follow relations of these openids, on any account: openids are unique platform-wide, so
 * the caller can tell an openid of another account (49003) from one that does not exist (40003).
 */
export async function findFollowers(db: Executor, openids: readonly string[]): Promise<FollowerRecord[]> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return [];
  return db
    .select(columns)
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(inArray(follows.openid, unique));
}

/** Current followers of the account. */
export async function countSubscribers(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, true)));
  return Number(row?.n ?? 0);
}

/**
 * One page of current followers' openids in a stable order (by openid, which the
 * (account_id, subscribed, openid) index serves), starting after `after` ('' = from the start).
 */
export async function listSubscriberOpenids(db: Executor, accountId: string, after: string, limit: number): Promise<string[]> {
  const where = [eq(follows.accountId, accountId), eq(follows.subscribed, true)];
  if (after) where.push(gt(follows.openid, after));
  const rows = await db
    .select({ openid: follows.openid })
    .from(follows)
    .where(and(...where))
    .orderBy(asc(follows.openid))
    .limit(limit);
  return rows.map((r) => r.openid);
}

/** Sets a follower's remark. False when the openid is not a follow relation of the account. */
export async function setRemark(db: Executor, accountId: string, openid: string, remark: string): Promise<boolean> {
  const rows = await db
    .update(follows)
    .set({ remark })
    .where(and(eq(follows.accountId, accountId), eq(follows.openid, openid)))
    .returning({ openid: follows.openid });
  return rows.length > 0;
}
