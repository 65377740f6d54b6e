import { lt, sql } from 'drizzle-orm';
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

