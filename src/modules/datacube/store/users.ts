/**
 * User analysis (getusersummary, getusercumulate) from the followers module's follows: each
 * follow row keeps its latest subscription (`subscribed_at`, `subscribe_scene`) and, when the
 * user left, `unsubscribed_at`.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { follows } from '../../followers/schema.js';
import { periodOf } from './period.js';

export interface SourceDay {
  day: string;
  scene: string;
  count: number;
}

/** New follows per China day and subscribe scene in [from, to). */
export async function followsBySceneDay(db: Executor, accountId: string, from: Date, to: Date): Promise<SourceDay[]> {
  const day = periodOf(follows.subscribedAt, 'day');
  const rows = await db
    .select({ day, scene: follows.subscribeScene, count: sql<number>`count(*)::int` })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), gte(follows.subscribedAt, from), lt(follows.subscribedAt, to)))
    .groupBy(day, follows.subscribeScene);
  return rows.map((r) => ({ day: r.day, scene: r.scene, count: Number(r.count) }));
}

/** Unfollows (of users who have not come back) per China day and the scene they had followed from, in [from, to). */
export async function unfollowsBySceneDay(db: Executor, accountId: string, from: Date, to: Date): Promise<SourceDay[]> {
  const day = periodOf(follows.unsubscribedAt, 'day');
  const rows = await db
    .select({ day, scene: follows.subscribeScene, count: sql<number>`count(*)::int` })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, false), gte(follows.unsubscribedAt, from), lt(follows.unsubscribedAt, to)))
    .groupBy(day, follows.subscribeScene);
  return rows.map((r) => ({ day: r.day, scene: r.scene, count: Number(r.count) }));
}

/** How many followed the account at the instant `at`. */
export async function followersAt(db: Executor, accountId: string, at: Date): Promise<number> {
  const iso = at.toISOString();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(follows)
    .where(
      and(
        eq(follows.accountId, accountId),
        sql`${follows.subscribedAt} < ${iso}::timestamptz`,
        sql`(${follows.subscribed} or ${follows.unsubscribedAt} >= ${iso}::timestamptz)`,
      ),
    );
  return Number(row?.n ?? 0);
}
