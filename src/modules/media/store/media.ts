import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { media, mediaGrants } from '../schema.js';
import { MEDIA_ID_RE } from '../rules/media.js';

/** SQL for media (temporary uploads and follower files) and who may read them. */

/** A media row. */
export type MediaRow = typeof media.$inferSelect;
export type NewMedia = typeof media.$inferInsert;

/** Records a stored media. */
export async function insertMedia(db: Executor, row: NewMedia): Promise<MediaRow> {
  const [inserted] = await db.insert(media).values(row).returning();
  return inserted;
}

/** A media by id; undefined for unknown or malformed ids (never a database error). */
export async function findMedia(db: Executor, id: string): Promise<MediaRow | undefined> {
  if (typeof id !== 'string' || !MEDIA_ID_RE.test(id)) return undefined;
  const [row] = await db.select().from(media).where(eq(media.id, id));
  return row;
}

/** Several media by id (unknown ids are left out). */
export async function findMediaMany(db: Executor, ids: readonly string[]): Promise<MediaRow[]> {
  const valid = ids.filter((id) => MEDIA_ID_RE.test(id));
  if (valid.length === 0) return [];
  return db.select().from(media).where(inArray(media.id, valid));
}

/** Lets an account read a follower's upload (the follower sent it to the account). Idempotent. */
export async function grantMedia(db: Executor, mediaId: string, accountId: string, now: Date): Promise<void> {
  await db.insert(mediaGrants).values({ mediaId, accountId, createdAt: now }).onConflictDoNothing();
}

/** Whether an account may read a media: its own upload, or one a follower sent it. */
export async function accountMayRead(db: Executor, row: MediaRow, accountId: string): Promise<boolean> {
  if (row.accountId === accountId) return true;
  const [grant] = await db
    .select({ id: mediaGrants.mediaId })
    .from(mediaGrants)
    .where(and(eq(mediaGrants.mediaId, row.id), eq(mediaGrants.accountId, accountId)))
    .limit(1);
  return grant !== undefined;
}

/**
 * Removes up to `limit` media whose expiry passed before `before`, returning their storage keys
 * so the caller deletes the bytes after commit. Safe to run on several nodes at once.
 */
export async function deleteExpiredMedia(db: Executor, before: Date, limit: number): Promise<string[]> {
  const due = db
    .select({ id: media.id })
    .from(media)
    .where(and(isNotNull(media.expiresAt), lte(media.expiresAt, before)))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.delete(media).where(sql`${media.id} in (${due})`).returning({ key: media.storageKey });
  return rows.map((r) => r.key);
}

/** Bytes a follower user uploaded since a time (their upload allowance: files for messages and pages' wx.uploadImage; media_user_idx). */
export async function bytesUploadedSince(db: Executor, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${media.size}), 0)` })
    .from(media)
    .where(and(eq(media.userId, userId), inArray(media.origin, ['user', 'jssdk']), gte(media.createdAt, since)));
  return Number(row?.total ?? 0);
}
