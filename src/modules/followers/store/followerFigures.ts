import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { follows } from '../schema.js';

/** Follower figures of one period: who followed, who unfollowed (and stays unfollowed). */
export interface FollowerFigures {
  newFollowers: number;
  unfollows: number;
}

/** New followers and unfollows of an account between two instants ([from, to)). */
export async function followerFigures(db: Executor, accountId: string, from: Date, to: Date): Promise<FollowerFigures> {
  const [row] = await db
    .select({
      newFollowers: sql<number>`count(*) filter (where ${follows.subscribedAt} >= ${from.toISOString()} and ${follows.subscribedAt} < ${to.toISOString()})`.mapWith(Number),
      unfollows: sql<number>`count(*) filter (where not ${follows.subscribed} and ${follows.unsubscribedAt} >= ${from.toISOString()} and ${follows.unsubscribedAt} < ${to.toISOString()})`.mapWith(Number),
    })
    .from(follows)
    .where(eq(follows.accountId, accountId));
  return { newFollowers: row?.newFollowers ?? 0, unfollows: row?.unfollows ?? 0 };
}

/** How many follow the account now. */
export async function countFollowersNow(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, true)));
  return row?.n ?? 0;
}

