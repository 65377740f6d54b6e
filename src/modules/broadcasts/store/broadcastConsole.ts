import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles } from '../../articles/schema.js';
import { blacklist, followTags, follows } from '../../followers/schema.js';
import { broadcastBatches, broadcasts } from '../schema.js';

/** SQL the console's push pages read: history, one push with live counts, audience sizes, cancel. */

export type BroadcastRow = typeof broadcasts.$inferSelect;

/** Counts summed over the committed fan-out batches of a push still being sent. */
export interface BatchTotals {
  considered: number;
  filtered: number;
  delivered: number;
  batches: number;
}

const EMPTY: BatchTotals = { considered: 0, filtered: 0, delivered: 0, batches: 0 };

/**
 * An account's push posts for the console (previews left out), newest first,
 * at most `limit`, before the msg id `before` when given.
 */
export async function listAccountBroadcasts(db: Executor, accountId: string, opts: { limit: number; before?: number }): Promise<BroadcastRow[]> {
  return db
    .select()
    .from(broadcasts)
    .where(and(
      eq(broadcasts.accountId, accountId),
      eq(broadcasts.kind, 'mass'),
      opts.before !== undefined ? lt(broadcasts.id, opts.before) : undefined,
    ))
    .orderBy(desc(broadcasts.id))
    .limit(opts.limit);
}

/** One push post of the account (any kind), or undefined. */
export async function findAccountBroadcast(db: Executor, accountId: string, id: number): Promise<BroadcastRow | undefined> {
  const [row] = await db.select().from(broadcasts).where(and(eq(broadcasts.accountId, accountId), eq(broadcasts.id, id)));
  return row;
}

/** Live counts of several push posts at once: the sums of their committed batches. */
export async function batchTotals(db: Executor, ids: readonly number[]): Promise<Map<number, BatchTotals>> {
  const out = new Map<number, BatchTotals>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      id: broadcastBatches.broadcastId,
      considered: sql<string>`coalesce(sum(${broadcastBatches.considered}), 0)`,
      filtered: sql<string>`coalesce(sum(${broadcastBatches.filtered}), 0)`,
      delivered: sql<string>`coalesce(sum(${broadcastBatches.delivered}), 0)`,
      batches: sql<string>`count(*)`,
    })
    .from(broadcastBatches)
    .where(inArray(broadcastBatches.broadcastId, [...ids]))
    .groupBy(broadcastBatches.broadcastId);
  for (const r of rows) {
    out.set(Number(r.id), { considered: Number(r.considered), filtered: Number(r.filtered), delivered: Number(r.delivered), batches: Number(r.batches) });
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { ...EMPTY });
  return out;
}

/**
 * Followers a push to this audience would reach now: current followers (of the tag, when one
 * is given) who are not blacklisted.
 */
export async function countAudience(db: Executor, accountId: string, tagId: number | null): Promise<number> {
  const notBlacklisted = sql`not exists (select 1 from ${blacklist} where ${blacklist.accountId} = ${follows.accountId} and ${blacklist.openid} = ${follows.openid})`;
  const inTag = tagId === null
    ? undefined
    : sql`exists (select 1 from ${followTags} where ${followTags.accountId} = ${follows.accountId} and ${followTags.tagId} = ${tagId} and ${followTags.openid} = ${follows.openid})`;
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, true), notBlacklisted, inTag));
  return Number(row?.n ?? 0);
}

/**
 * Cancels a scheduled push post that no runner has started: one conditional update, so a
 * runner claiming it at the same moment wins or loses cleanly. Returns the row, or undefined
 * when it was not (or no longer) waiting.
 */
export async function cancelScheduledBroadcast(db: Executor, accountId: string, id: number, now: Date): Promise<BroadcastRow | undefined> {
  const [row] = await db
    .update(broadcasts)
    .set({ status: 'cancelled', finishedAt: now, lockedUntil: null, lockedBy: null })
    .where(and(
      eq(broadcasts.accountId, accountId),
      eq(broadcasts.id, id),
      eq(broadcasts.status, 'scheduled'),
      isNull(broadcasts.startedAt),
      sql`(${broadcasts.lockedUntil} is null or ${broadcasts.lockedUntil} < ${now})`,
    ))
    .returning();
  return row;
}

/** The lead article's title of each news group (for the push history). */
export async function leadTitles(db: Executor, groupIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(groupIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ groupId: articles.groupId, title: articles.title })
    .from(articles)
    .where(and(inArray(articles.groupId, unique), eq(articles.idx, 0)));
  return new Map(rows.map((r) => [r.groupId, r.title]));
}
