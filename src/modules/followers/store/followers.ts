import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { follows, unionIds } from '../schema.js';
import { newOpenid, newUnionid } from '../../../protocol/ids.js';

/** SQL for the follow relation (follows) and per-organization unionids (union_ids). */

/** A follows row. */
export type FollowRow = typeof follows.$inferSelect;

/** The follow row of a user and an account, locked for the rest of the transaction. */
export async function lockFollow(db: Executor, accountId: string, userId: string): Promise<FollowRow | undefined> {
  const [row] = await db
    .select()
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.userId, userId)))
    .for('update');
  return row;
}

/** The follow row of a user and an account (no lock). */
export async function findFollow(db: Executor, accountId: string, userId: string): Promise<FollowRow | undefined> {
  const [row] = await db.select().from(follows).where(and(eq(follows.accountId, accountId), eq(follows.userId, userId)));
  return row;
}

/** The user's unionid in an organization, minted on first use. */
export async function ensureUnionid(db: Executor, orgId: string, userId: string): Promise<string> {
  await db.insert(unionIds).values({ orgId, userId, unionid: newUnionid() }).onConflictDoNothing({ target: [unionIds.orgId, unionIds.userId] });
  const [row] = await db
    .select({ unionid: unionIds.unionid })
    .from(unionIds)
    .where(and(eq(unionIds.orgId, orgId), eq(unionIds.userId, userId)));
  return row.unionid;
}

/**
 * Creates the follow row (minting the openid) if there is none, and returns it locked. The
 * openid is minted once per (account, user) and kept across unfollow and refollow.
 */
export async function ensureFollowLocked(
  db: Executor,
  input: { accountId: string; userId: string; unionid: string; now: Date; scene: string; qrScene: number; qrSceneStr: string },
): Promise<{ row: FollowRow; created: boolean }> {
  const inserted = await db
    .insert(follows)
    .values({
      accountId: input.accountId,
      userId: input.userId,
      openid: newOpenid(),
      unionid: input.unionid,
      subscribed: true,
      subscribedAt: input.now,
      subscribeScene: input.scene,
      qrScene: input.qrScene,
      qrSceneStr: input.qrSceneStr,
      createdAt: input.now,
    })
    .onConflictDoNothing({ target: [follows.accountId, follows.userId] })
    .returning();
  if (inserted.length > 0) return { row: inserted[0], created: true };
  const row = await lockFollow(db, input.accountId, input.userId);
  if (!row) throw new Error('follow row vanished');
  return { row, created: false };
}

/** Marks a follow row subscribed again (refollow). */
export async function resubscribe(
  db: Executor,
  accountId: string,
  userId: string,
  input: { now: Date; scene: string; qrScene: number; qrSceneStr: string },
): Promise<void> {
  await db
    .update(follows)
    .set({ subscribed: true, subscribedAt: input.now, subscribeScene: input.scene, qrScene: input.qrScene, qrSceneStr: input.qrSceneStr })
    .where(and(eq(follows.accountId, accountId), eq(follows.userId, userId)));
}

/** Marks a follow row unsubscribed. */
export async function unsubscribe(db: Executor, accountId: string, userId: string, now: Date): Promise<void> {
  await db
    .update(follows)
    .set({ subscribed: false, unsubscribedAt: now })
    .where(and(eq(follows.accountId, accountId), eq(follows.userId, userId)));
}


/**
 * The user's follow row for an account, created without following when there is none: web
 * authorization gives a user who never followed an openid (and a unionid) of their own, the same
 * one a later follow keeps (followAccount then only marks the row subscribed).
 */
export async function ensureOpenid(db: Executor, account: { id: string; orgId: string }, userId: string, now: Date): Promise<FollowRow> {
  const existing = await findFollow(db, account.id, userId);
  if (existing) return existing;
  const unionid = await ensureUnionid(db, account.orgId, userId);
  await db
    .insert(follows)
    .values({ accountId: account.id, userId, openid: newOpenid(), unionid, subscribed: false, subscribedAt: null, createdAt: now })
    .onConflictDoNothing({ target: [follows.accountId, follows.userId] });
  const row = await findFollow(db, account.id, userId);
  if (!row) throw new Error('follow row vanished');
  return row;
}
