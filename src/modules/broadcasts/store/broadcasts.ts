import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../../platform/db/connect.js';
import { broadcastBatches, broadcastRecipients, broadcasts } from '../schema.js';
import { followerUsers, follows } from '../../followers/schema.js';
import { getSetting, putSetting } from '../../../platform/db/settings.js';

/**
 * SQL of push posts (broadcasts) as the mass-send commands need it: accepting one, finding it by
 * msg_id or clientmsgid, the quota counts of a China day or month, the summed batch counts the
 * finish event reports, and the per-account mass speed.
 */

export type BroadcastRow = typeof broadcasts.$inferSelect;
export type NewBroadcast = typeof broadcasts.$inferInsert;

/** Statuses of posts that never reached anyone and so do not count against the quota. */
const NOT_COUNTED = ['failed', 'cancelled'];

/** Serialises push-post acceptance per account for the rest of the transaction (quota, clientmsgid). */
export async function lockMassScope(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mass:${accountId}`}))`);
}

/** Inserts a push post. */
export async function insertBroadcast(db: Executor, row: NewBroadcast): Promise<BroadcastRow> {
  const [inserted] = await db.insert(broadcasts).values(row).returning();
  return inserted;
}

/** One push post of an account by msg_id. */
export async function findBroadcast(db: Executor, accountId: string, id: number): Promise<BroadcastRow | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const [row] = await db.select().from(broadcasts).where(and(eq(broadcasts.id, id), eq(broadcasts.accountId, accountId)));
  return row;
}

/** A push post by id, locked for the rest of the transaction. */
export async function lockBroadcastById(db: Executor, id: number): Promise<BroadcastRow | undefined> {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id)).for('update');
  return row;
}

/** The account's push post with this clientmsgid. */
export async function findByClientMsgId(db: Executor, accountId: string, clientmsgid: string): Promise<BroadcastRow | undefined> {
  const [row] = await db.select().from(broadcasts).where(and(eq(broadcasts.accountId, accountId), eq(broadcasts.clientmsgid, clientmsgid)));
  return row;
}

/** Push posts counted against the quota in a China day (YYYY-MM-DD) or month (YYYY-MM). */
export async function countQuotaPosts(db: Executor, accountId: string, period: { day: string } | { month: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(broadcasts)
    .where(and(
      eq(broadcasts.accountId, accountId),
      eq(broadcasts.kind, 'mass'),
      eq(broadcasts.countsToQuota, true),
      notInArray(broadcasts.status, NOT_COUNTED),
      'day' in period ? eq(broadcasts.chinaDay, period.day) : eq(broadcasts.chinaMonth, period.month),
    ));
  return Number(row?.n ?? 0);
}

/** Sums of a push post's committed batches. */
export async function sumBatches(db: Executor, broadcastId: number): Promise<{ considered: number; filtered: number; delivered: number }> {
  const [row] = await db
    .select({
      considered: sql<string>`coalesce(sum(${broadcastBatches.considered}), 0)`,
      filtered: sql<string>`coalesce(sum(${broadcastBatches.filtered}), 0)`,
      delivered: sql<string>`coalesce(sum(${broadcastBatches.delivered}), 0)`,
    })
    .from(broadcastBatches)
    .where(eq(broadcastBatches.broadcastId, broadcastId));
  return { considered: Number(row?.considered ?? 0), filtered: Number(row?.filtered ?? 0), delivered: Number(row?.delivered ?? 0) };
}

/** Records the end of a push post (counts, status, result, copyright check). */
export async function finishBroadcastRow(
  db: Executor,
  id: number,
  change: Pick<BroadcastRow, 'status' | 'resultStatus' | 'totalCount' | 'filterCount' | 'sentCount' | 'errorCount' | 'finishedAt'> & { msgDataId?: number | null },
): Promise<void> {
  await db
    .update(broadcasts)
    .set({ ...change, lockedUntil: null, lockedBy: null, ...(change.msgDataId !== undefined ? { msgDataId: change.msgDataId } : {}) })
    .where(eq(broadcasts.id, id));
}

/** The latest mass push post (not a preview) that carried a news group and was sent or deleted. */
export async function findLatestSentOfGroup(db: Executor, accountId: string, groupId: string): Promise<BroadcastRow | undefined> {
  const [row] = await db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.accountId, accountId), eq(broadcasts.groupId, groupId), eq(broadcasts.kind, 'mass'), inArray(broadcasts.status, ['done', 'deleted'])))
    .orderBy(desc(broadcasts.id))
    .limit(1);
  return row;
}

/** Marks a push post deleted (mass/delete of every article). */
export async function markBroadcastDeleted(db: Executor, id: number): Promise<void> {
  await db.update(broadcasts).set({ status: 'deleted' }).where(eq(broadcasts.id, id));
}

/** Writes a one-follower delivery at once (previews): one batch, one recipient. */
export async function deliverToOne(tx: Executor, broadcastId: number, openid: string, now: Date): Promise<void> {
  await tx.insert(broadcastRecipients).values({ broadcastId, openid }).onConflictDoNothing();
  await tx
    .insert(broadcastBatches)
    .values({ broadcastId, batchNo: 1, afterOpenid: '', lastOpenid: openid, considered: 1, filtered: 0, delivered: 1, createdAt: now })
    .onConflictDoNothing();
}

/** The follow relation of an openid with this account (subscribed or not), with the user. */
export async function followOfOpenid(db: Executor, accountId: string, openid: string): Promise<{ userId: string; subscribed: boolean } | undefined> {
  const [row] = await db
    .select({ userId: follows.userId, subscribed: follows.subscribed })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.openid, openid)));
  return row;
}

/** The one current follower of the account showing this nickname (undefined when none or several). */
export async function followerByNickname(db: Executor, accountId: string, nickname: string): Promise<{ openid: string; userId: string } | undefined> {
  const rows = await db
    .select({ openid: follows.openid, userId: follows.userId })
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, true), eq(followerUsers.nickname, nickname)))
    .limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}

/** How many of these openids are current followers of the account. */
export async function countSubscribedOpenids(db: Executor, accountId: string, openids: readonly string[]): Promise<number> {
  if (openids.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, true), inArray(follows.openid, [...openids])));
  return Number(row?.n ?? 0);
}

const speedKey = (accountId: string) => `mass.speed.${accountId}`;

/** The account's mass speed level (0..4; default 0). */
export async function getMassSpeed(db: Executor, accountId: string): Promise<number> {
  const v = await getSetting<number>(db, speedKey(accountId));
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4 ? v : 0;
}

/** Stores the account's mass speed level. */
export async function setMassSpeed(db: Executor, accountId: string, speed: number): Promise<void> {
  await putSetting(db, speedKey(accountId), speed);
}

/** A push post for the console list, with its live counts summed from the committed batches. */
export interface BroadcastWithCounts extends BroadcastRow {
  live: { considered: number; filtered: number; delivered: number; batches: number };
}

/** An account's push posts (previews left out), newest first, with live counts; `before` pages by msg_id. */
export async function listBroadcastsWithCounts(db: Executor, accountId: string, opts: { limit: number; before?: number }): Promise<BroadcastWithCounts[]> {
  const limit = Math.max(1, Math.min(100, Math.floor(opts.limit) || 1));
  const rows = await db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.accountId, accountId), eq(broadcasts.kind, 'mass'), opts.before !== undefined ? sql`${broadcasts.id} < ${opts.before}` : undefined))
    .orderBy(desc(broadcasts.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const sums = await db
    .select({
      id: broadcastBatches.broadcastId,
      considered: sql<string>`coalesce(sum(${broadcastBatches.considered}), 0)`,
      filtered: sql<string>`coalesce(sum(${broadcastBatches.filtered}), 0)`,
      delivered: sql<string>`coalesce(sum(${broadcastBatches.delivered}), 0)`,
      batches: sql<string>`count(*)`,
    })
    .from(broadcastBatches)
    .where(inArray(broadcastBatches.broadcastId, rows.map((r) => r.id)))
    .groupBy(broadcastBatches.broadcastId);
  const byId = new Map(sums.map((s) => [Number(s.id), { considered: Number(s.considered), filtered: Number(s.filtered), delivered: Number(s.delivered), batches: Number(s.batches) }]));
  return rows.map((r) => ({ ...r, live: byId.get(r.id) ?? { considered: 0, filtered: 0, delivered: 0, batches: 0 } }));
}
