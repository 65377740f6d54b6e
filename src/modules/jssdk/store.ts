import { and, count, desc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { followerUsers } from '../followers/schema.js';
import { jssdkCalls, jssdkShares } from './schema.js';

/** SQL for the jssdk module's table. */

export type JssdkCallRow = typeof jssdkCalls.$inferSelect;

export async function insertCall(db: Executor, row: typeof jssdkCalls.$inferInsert): Promise<void> {
  await db.insert(jssdkCalls).values(row);
}

/** The account's latest calls, newest first, before an id (paging), with the follower's nickname. */
export async function listCalls(db: Executor, accountId: string, limit: number, before?: number): Promise<Array<JssdkCallRow & { nickname: string | null }>> {
  const rows = await db
    .select({ call: jssdkCalls, nickname: followerUsers.nickname })
    .from(jssdkCalls)
    .leftJoin(followerUsers, eq(followerUsers.id, jssdkCalls.userId))
    .where(before ? and(eq(jssdkCalls.accountId, accountId), lt(jssdkCalls.id, before)) : eq(jssdkCalls.accountId, accountId))
    .orderBy(desc(jssdkCalls.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.call, nickname: r.nickname }));
}

export type JssdkShareRow = typeof jssdkShares.$inferSelect;

export async function insertShare(db: Executor, row: typeof jssdkShares.$inferInsert): Promise<JssdkShareRow> {
  const [saved] = await db.insert(jssdkShares).values(row).returning();
  return saved;
}

/** A follower's Moments: what they shared to Moments, newest first. */
export async function listMoments(db: Executor, userId: string, limit: number, before?: number): Promise<JssdkShareRow[]> {
  const mine = and(eq(jssdkShares.userId, userId), eq(jssdkShares.scene, 'timeline'));
  return db
    .select()
    .from(jssdkShares)
    .where(before ? and(mine, lt(jssdkShares.id, before)) : mine)
    .orderBy(desc(jssdkShares.id))
    .limit(limit);
}

/** Shares of an account's pages per page link and scene (the console's share counts), most shared first. */
export async function shareCounts(db: Executor, accountId: string, limit = 50): Promise<Array<{ link: string; scene: string; shares: number }>> {
  const rows = await db
    .select({ link: jssdkShares.link, scene: jssdkShares.scene, shares: count() })
    .from(jssdkShares)
    .where(and(eq(jssdkShares.accountId, accountId), isNotNull(jssdkShares.accountId)))
    .groupBy(jssdkShares.link, jssdkShares.scene)
    .orderBy(desc(count()))
    .limit(limit);
  return rows.map((r) => ({ link: r.link, scene: r.scene, shares: Number(r.shares) }));
}

/** Whether a page of the account configured the JS-SDK successfully for this follower since a time. */
export async function configuredSince(db: Executor, accountId: string, userId: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: jssdkCalls.id })
    .from(jssdkCalls)
    .where(and(eq(jssdkCalls.accountId, accountId), eq(jssdkCalls.userId, userId), eq(jssdkCalls.api, 'config'), eq(jssdkCalls.result, 'ok'), gte(jssdkCalls.at, since)))
    .limit(1);
  return row !== undefined;
}
