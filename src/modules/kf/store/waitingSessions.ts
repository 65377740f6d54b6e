import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { kfSessions } from '../schema.js';

/** Followers waiting for a customer-service representative. */
export async function countWaitingSessions(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(kfSessions)
    .where(and(eq(kfSessions.accountId, accountId), eq(kfSessions.status, 'waiting')));
  return row?.n ?? 0;
}
