/** The SQL of API mass-send protection: the account's setting and the posts waiting for confirmation. */
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { followerUsers, follows } from '../../followers/schema.js';
import { broadcasts, massSendProtection } from '../schema.js';
import type { BroadcastRow } from './broadcasts.js';

export type MassProtectionRow = typeof massSendProtection.$inferSelect;

export async function findProtection(db: Executor, accountId: string): Promise<MassProtectionRow | undefined> {
  const [row] = await db.select().from(massSendProtection).where(eq(massSendProtection.accountId, accountId));
  return row;
}

/** Writes the account's setting (one row per account). */
export async function saveProtection(db: Executor, values: typeof massSendProtection.$inferInsert): Promise<MassProtectionRow> {
  const [row] = await db
    .insert(massSendProtection)
    .values(values)
    .onConflictDoUpdate({ target: massSendProtection.accountId, set: { enabled: values.enabled, adminUserId: values.adminUserId, updatedBy: values.updatedBy, updatedAt: values.updatedAt } })
    .returning();
  return row;
}

/** The phone user behind an openid of this account (a follower now), with their nickname. */
export async function followerByOpenid(db: Executor, accountId: string, openid: string) {
  const [row] = await db
    .select({ userId: follows.userId, nickname: followerUsers.nickname })
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(and(eq(follows.accountId, accountId), eq(follows.openid, openid), eq(follows.subscribed, true)));
  return row;
}

/** The administrator's nickname and openid for this account (the console shows who confirms). */
export async function adminOf(db: Executor, accountId: string, userId: string) {
  const [row] = await db
    .select({ nickname: followerUsers.nickname, openid: follows.openid })
    .from(followerUsers)
    .leftJoin(follows, and(eq(follows.userId, followerUsers.id), eq(follows.accountId, accountId)))
    .where(eq(followerUsers.id, userId));
  return row;
}

/** Posts waiting for this phone user's confirmation (as some account's administrator), oldest first. */
export async function awaitingFor(db: Executor, userId: string, now: Date, limit = 50) {
  return db
    .select({ post: broadcasts, appid: accounts.appid, accountName: accounts.name })
    .from(broadcasts)
    .innerJoin(massSendProtection, eq(massSendProtection.accountId, broadcasts.accountId))
    .innerJoin(accounts, eq(accounts.id, broadcasts.accountId))
    .where(and(eq(massSendProtection.adminUserId, userId), eq(broadcasts.status, 'awaiting_confirmation'), gt(broadcasts.confirmBy, now)))
    .orderBy(asc(broadcasts.confirmBy))
    .limit(limit);
}

/** Posts whose confirmation window has passed, oldest first. */
export async function overdueConfirmations(db: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: broadcasts.id })
    .from(broadcasts)
    .where(and(eq(broadcasts.status, 'awaiting_confirmation'), lte(broadcasts.confirmBy, now)))
    .orderBy(asc(broadcasts.confirmBy))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Moves a post on from awaiting confirmation; undefined when it no longer waits. */
export async function settleConfirmation(db: Executor, id: number, patch: Partial<BroadcastRow>): Promise<BroadcastRow | undefined> {
  const [row] = await db.update(broadcasts).set(patch).where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'awaiting_confirmation'))).returning();
  return row;
}
