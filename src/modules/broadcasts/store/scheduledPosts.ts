import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { broadcasts } from '../schema.js';

/** Push posts waiting for their scheduled time: how many, and the earliest time. */
export async function scheduledPostsOf(db: Executor, accountId: string): Promise<{ count: number; nextAt: Date | null }> {
  const rows = await db
    .select({ n: sql<number>`count(*) over ()`.mapWith(Number), at: broadcasts.scheduledAt })
    .from(broadcasts)
    .where(and(eq(broadcasts.accountId, accountId), eq(broadcasts.status, 'scheduled')))
    .orderBy(asc(broadcasts.scheduledAt))
    .limit(1);
  return { count: rows[0]?.n ?? 0, nextAt: rows[0]?.at ?? null };
}
