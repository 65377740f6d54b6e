import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accountDailyReads } from '../schema.js';

/** SQL for the read log: one row per account and China calendar day, counted as pages are read. */

/** Counts one read of an account's article page on `day` (YYYY-MM-DD, China time). */
export async function addDailyRead(db: Executor, accountId: string, day: string): Promise<void> {
  await db
    .insert(accountDailyReads)
    .values({ accountId, day, reads: 1 })
    .onConflictDoUpdate({ target: [accountDailyReads.accountId, accountDailyReads.day], set: { reads: sql`${accountDailyReads.reads} + 1` } });
}

/** The days from `from` to `to` (inclusive, YYYY-MM-DD) that had reads, oldest first. */
export async function dailyReadsBetween(db: Executor, accountId: string, from: string, to: string): Promise<Array<{ day: string; reads: number }>> {
  return db
    .select({ day: accountDailyReads.day, reads: accountDailyReads.reads })
    .from(accountDailyReads)
    .where(and(eq(accountDailyReads.accountId, accountId), gte(accountDailyReads.day, from), lte(accountDailyReads.day, to)))
    .orderBy(asc(accountDailyReads.day));
}
