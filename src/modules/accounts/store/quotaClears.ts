import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { quotaClears } from '../schema.js';

/**
 * Counts one quota clear for the account in `month` if fewer than `limit` were used. One
 * statement, so concurrent clears cannot both take the last one. Returns false at the limit.
 */
export async function takeQuotaClear(db: Executor, accountId: string, month: string, limit: number): Promise<boolean> {
  const rows = await db
    .insert(quotaClears)
    .values({ accountId, month, count: 1 })
    .onConflictDoUpdate({
      target: [quotaClears.accountId, quotaClears.month],
      set: { count: sql`${quotaClears.count} + 1` },
      setWhere: lt(quotaClears.count, limit),
    })
    .returning({ count: quotaClears.count });
  return rows.length > 0;
}

/** Quota clears used by the account in `month`. */
export async function quotaClearsUsed(db: Executor, accountId: string, month: string): Promise<number> {
  const [row] = await db
    .select({ count: quotaClears.count })
    .from(quotaClears)
    .where(and(eq(quotaClears.accountId, accountId), eq(quotaClears.month, month)));
  return row?.count ?? 0;
}
