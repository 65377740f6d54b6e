import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { follows, unionIds } from '../schema.js';
import { newOpenid, newUnionid } from '../../../protocol/ids.js';

/** The subscribe_scene of followers an account migration moved (reference §7). */
export const MIGRATION_SCENE = 'ADD_SCENE_ACCOUNT_MIGRATION';

const CHUNK = 1000;

/** One moved follower: the openid on the old account and the one on the new. */
export interface MovedFollower {
  oriOpenid: string;
  newOpenid: string;
}

/**
 * Moves every current follower of `fromAccountId` to `toAccountId` (account migration): each gets
 * an openid of the new account (a new one, or the one kept from an earlier follow) and follows it
 * with subscribe_scene ADD_SCENE_ACCOUNT_MIGRATION; the follows of the old account end. Runs
 * inside the caller's transaction; returns old → new openids.
 */
export async function moveFollowers(
  db: Executor,
  input: { fromAccountId: string; toAccountId: string; toOrgId: string; now: Date },
): Promise<MovedFollower[]> {
  const source = await db
    .select({ userId: follows.userId, openid: follows.openid })
    .from(follows)
    .where(and(eq(follows.accountId, input.fromAccountId), eq(follows.subscribed, true)))
    .orderBy(follows.openid);
  const moved: MovedFollower[] = [];
  for (let i = 0; i < source.length; i += CHUNK) {
    const chunk = source.slice(i, i + CHUNK);
    const userIds = chunk.map((r) => r.userId);
    await db
      .insert(unionIds)
      .values(userIds.map((userId) => ({ orgId: input.toOrgId, userId, unionid: newUnionid() })))
      .onConflictDoNothing({ target: [unionIds.orgId, unionIds.userId] });
    const unions = await db
      .select({ userId: unionIds.userId, unionid: unionIds.unionid })
      .from(unionIds)
      .where(and(eq(unionIds.orgId, input.toOrgId), inArray(unionIds.userId, userIds)));
    const unionOf = new Map(unions.map((u) => [u.userId, u.unionid]));
    await db
      .insert(follows)
      .values(chunk.map((r) => ({
        accountId: input.toAccountId,
        userId: r.userId,
        openid: newOpenid(),
        unionid: unionOf.get(r.userId)!,
        subscribed: true,
        subscribedAt: input.now,
        subscribeScene: MIGRATION_SCENE,
        createdAt: input.now,
      })))
      .onConflictDoNothing({ target: [follows.accountId, follows.userId] });
    // Someone who once followed B and left keeps B's openid and follows again, by migration.
    await db
      .update(follows)
      .set({ subscribed: true, subscribedAt: input.now, unsubscribedAt: null, subscribeScene: MIGRATION_SCENE, qrScene: 0, qrSceneStr: '' })
      .where(and(eq(follows.accountId, input.toAccountId), eq(follows.subscribed, false), inArray(follows.userId, userIds)));
    const target = await db
      .select({ userId: follows.userId, openid: follows.openid })
      .from(follows)
      .where(and(eq(follows.accountId, input.toAccountId), inArray(follows.userId, userIds)));
    const newOf = new Map(target.map((t) => [t.userId, t.openid]));
    for (const r of chunk) moved.push({ oriOpenid: r.openid, newOpenid: newOf.get(r.userId)! });
    await db
      .update(follows)
      .set({ subscribed: false, unsubscribedAt: input.now })
      .where(and(eq(follows.accountId, input.fromAccountId), inArray(follows.userId, userIds)));
  }
  return moved;
}

/** The current followers of an account (user and openid): whom a migration notice reaches. */
export async function currentFollowers(db: Executor, accountId: string): Promise<Array<{ userId: string; openid: string }>> {
  return db
    .select({ userId: follows.userId, openid: follows.openid })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subscribed, true)))
    .orderBy(follows.openid);
}
