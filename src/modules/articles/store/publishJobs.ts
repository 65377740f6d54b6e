import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { publishJobs } from '../schema.js';

/** SQL for freepublish jobs: the id is the publish_id; status is WeChat's publish_status. */

export type PublishJobRow = typeof publishJobs.$inferSelect;

/** publish_status values (reference §9). */
export const PUBLISH_STATUS = {
  success: 0,
  publishing: 1,
  originalityFailed: 2,
  failed: 3,
  rejected: 4,
  deleted: 5,
  banned: 6,
} as const;

/** Records a submitted publish (status 1, publishing). */
export async function insertPublishJob(
  db: Executor,
  row: { accountId: string; groupId: string; msgDataId: number; createdAt: Date },
): Promise<PublishJobRow> {
  const [inserted] = await db.insert(publishJobs).values({ ...row, status: PUBLISH_STATUS.publishing }).returning();
  return inserted;
}

/** One of the account's publish jobs; undefined for unknown ids. */
export async function findPublishJob(db: Executor, accountId: string, publishId: number): Promise<PublishJobRow | undefined> {
  if (!Number.isSafeInteger(publishId) || publishId <= 0) return undefined;
  const [row] = await db.select().from(publishJobs).where(and(eq(publishJobs.id, publishId), eq(publishJobs.accountId, accountId)));
  return row;
}

/**
 * Takes up to `limit` jobs still publishing, locked for the caller's transaction; jobs another
 * runner holds are skipped, so several runners (and nodes) never take the same job.
 */
export async function claimPublishingJobs(db: Executor, limit: number): Promise<PublishJobRow[]> {
  return db
    .select()
    .from(publishJobs)
    .where(eq(publishJobs.status, PUBLISH_STATUS.publishing))
    .orderBy(asc(publishJobs.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Settles a job: its publish_status, article_id (on success) and failed positions (1-based). */
export async function finishPublishJob(
  db: Executor,
  id: number,
  result: { status: number; articleId?: string | null; failIdx?: number[] },
  now: Date,
): Promise<void> {
  await db
    .update(publishJobs)
    .set({ status: result.status, articleId: result.articleId ?? null, failIdx: result.failIdx ?? [], finishedAt: now })
    .where(eq(publishJobs.id, id));
}

/** Marks the successful publish of a group as deleted (publish_status 5: every article deleted). */
export async function markPublishDeleted(db: Executor, groupId: string): Promise<void> {
  await db
    .update(publishJobs)
    .set({ status: PUBLISH_STATUS.deleted })
    .where(and(eq(publishJobs.groupId, groupId), eq(publishJobs.status, PUBLISH_STATUS.success)));
}

