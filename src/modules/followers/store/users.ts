import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { followerUsers } from '../schema.js';

/** SQL for simulated WeChat users (follower_users). */

/** A follower_users row. */
export type FollowerUserRow = typeof followerUsers.$inferSelect;

/** The columns of a new simulated user. */
export interface NewFollowerUser {
  nickname: string;
  country: string;
  province: string;
  city: string;
  language: string;
  region: string;
  sex: number;
  avatarUrl: string;
  createdAt: Date;
}

/** Inserts a simulated user and returns the row. */
export async function insertFollowerUser(db: Executor, u: NewFollowerUser): Promise<FollowerUserRow> {
  const [row] = await db.insert(followerUsers).values(u).returning();
  return row;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user by id; undefined for unknown or malformed ids (never a database error). */
export async function findFollowerUser(db: Executor, id: string): Promise<FollowerUserRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  const [row] = await db.select().from(followerUsers).where(eq(followerUsers.id, id));
  return row;
}

/**
 * Simulated users, oldest first, `limit` at most; `after` (a user id) pages on from that user.
 */
export async function listFollowerUsers(db: Executor, opts: { limit: number; after?: string }): Promise<FollowerUserRow[]> {
  const limit = Math.max(1, Math.min(500, Math.floor(opts.limit) || 1));
  const after = opts.after && UUID_RE.test(opts.after) ? await findFollowerUser(db, opts.after) : undefined;
  const q = db.select().from(followerUsers);
  const rows = after
    ? await q
        .where(or(gt(followerUsers.createdAt, after.createdAt), and(eq(followerUsers.createdAt, after.createdAt), gt(followerUsers.id, after.id))))
        .orderBy(asc(followerUsers.createdAt), asc(followerUsers.id))
        .limit(limit)
    : await q.orderBy(asc(followerUsers.createdAt), asc(followerUsers.id)).limit(limit);
  return rows;
}
