import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { blacklist } from '../schema.js';

export async function countBlacklisted(db: Executor, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(blacklist).where(eq(blacklist.accountId, accountId));
  return Number(row?.n ?? 0);
}

/** One page of blacklisted openids by openid, after `after` ('' = from the start). */
export async function listBlacklistedOpenids(db: Executor, accountId: string, after: string, limit: number): Promise<string[]> {
  const where = [eq(blacklist.accountId, accountId)];
  if (after) where.push(gt(blacklist.openid, after));
  const rows = await db
    .select({ openid: blacklist.openid })
    .from(blacklist)
    .where(and(...where))
    .orderBy(asc(blacklist.openid))
    .limit(limit);
  return rows.map((r) => r.openid);
}

/** Blacklists followers (idempotent). */
export async function addToBlacklist(db: Executor, accountId: string, openids: readonly string[], now: Date): Promise<void> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return;
  await db
    .insert(blacklist)
    .values(unique.map((openid) => ({ accountId, openid, createdAt: now })))
    .onConflictDoNothing();
}

export async function removeFromBlacklist(db: Executor, accountId: string, openids: readonly string[]): Promise<void> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return;
  await db.delete(blacklist).where(and(eq(blacklist.accountId, accountId), inArray(blacklist.openid, unique)));
}

/** Whether a follower is blacklisted by the account (the phone and messaging check this). */
export async function isBlacklisted(db: Executor, accountId: string, openid: string): Promise<boolean> {
  const rows = await db
    .select({ openid: blacklist.openid })
    .from(blacklist)
    .where(and(eq(blacklist.accountId, accountId), eq(blacklist.openid, openid)))
    .limit(1);
  return rows.length > 0;
}
