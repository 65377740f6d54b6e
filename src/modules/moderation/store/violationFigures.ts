import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { moderationViolations } from '../schema.js';

/** Violations recorded against an account since an instant: how many, and the latest one's time and category. */
export async function violationsSince(db: Executor, accountId: string, since: Date): Promise<{ count: number; latestAt: Date | null; latestCategory: string | null }> {
  const rows = await db
    .select({ n: sql<number>`count(*) over ()`.mapWith(Number), at: moderationViolations.createdAt, category: moderationViolations.category })
    .from(moderationViolations)
    .where(and(eq(moderationViolations.accountId, accountId), gte(moderationViolations.createdAt, since)))
    .orderBy(desc(moderationViolations.createdAt))
    .limit(1);
  return { count: rows[0]?.n ?? 0, latestAt: rows[0]?.at ?? null, latestCategory: rows[0]?.category ?? null };
}
