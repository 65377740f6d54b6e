import { eq } from 'drizzle-orm';
import type { Executor } from '../db/connect.js';
import { followerUsers } from '../db/schema/index.js';

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
