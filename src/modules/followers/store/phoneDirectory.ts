import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { followerUsers, follows } from '../schema.js';
import type { AccountRow } from '../../accounts/index.js';
import type { FollowerUserRow } from './users.js';

/** SQL the phone page needs beyond the per-aggregate stores: who to be, signing in, finding accounts. */

/** The most recently created simulated users, newest first: the emulator's "who are you?" list shows these. */
export async function listRecentFollowerUsers(db: Executor, limit: number): Promise<FollowerUserRow[]> {
  return db.select().from(followerUsers).orderBy(desc(followerUsers.createdAt), desc(followerUsers.id)).limit(limit);
}

/** A user who signed up on the phone page, by email (case-insensitive). */
export async function findFollowerByEmail(db: Executor, email: string): Promise<FollowerUserRow | undefined> {
  const [row] = await db
    .select()
    .from(followerUsers)
    .where(sql`lower(${followerUsers.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

/**
 * Serialises sign-ups of one email for the rest of the transaction (there is no unique index on
 * follower_users.email, so check-then-insert needs the lock to stay unique across nodes).
 */
export async function lockFollowerEmail(tx: Tx, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`follower_email:${email.toLowerCase()}`}))`);
}

/** Sets where the user's phone is used (an ISO 3166-1 alpha-2 code, checked by the caller). */
export async function setFollowerRegion(db: Executor, userId: string, region: string): Promise<FollowerUserRow> {
  const [row] = await db.update(followerUsers).set({ region }).where(eq(followerUsers.id, userId)).returning();
  return row;
}

/** Gives a user sign-in credentials. */
export async function setFollowerCredentials(db: Executor, userId: string, email: string, passwordHash: string): Promise<FollowerUserRow> {
  const [row] = await db.update(followerUsers).set({ email, passwordHash }).where(eq(followerUsers.id, userId)).returning();
  return row;
}

/** `%` and `_` match themselves in a LIKE pattern built from user input. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Active accounts whose name contains `q`, or whose WeChat ID or AppID is `q` (case-insensitive),
 * exact matches first. Suspended and banned accounts cannot be found, nor, until the end of the
 * penalty, accounts with a `search` restriction or a suspension (accounts/rules/capabilities.ts),
 * nor, unless `includeMainlandHidden` (accounts' region rule, for users outside mainland China),
 * accounts hidden from mainland China.
 */
export async function searchActiveAccounts(db: Executor, q: string, limit: number, includeMainlandHidden: boolean, now: Date): Promise<AccountRow[]> {
  const iso = now.toISOString();
  const needle = q.toLowerCase();
  const pattern = `%${likeEscape(needle)}%`;
  return db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.status, 'active'),
        includeMainlandHidden ? undefined : eq(accounts.mainlandVisible, true),
        sql`coalesce((${accounts.restrictions}->>'search')::timestamptz <= ${iso}::timestamptz, true)`,
        sql`coalesce((${accounts.restrictions}->>'account')::timestamptz <= ${iso}::timestamptz, true)`,
        sql`(lower(${accounts.name}) like ${pattern} escape '\\' or lower(${accounts.wechatId}) = ${needle} or ${accounts.appid} = ${q})`,
      ),
    )
    .orderBy(sql`(lower(${accounts.name}) = ${needle} or lower(${accounts.wechatId}) = ${needle}) desc`, accounts.name, accounts.appid)
    .limit(limit);
}

/** Of these accounts, the ids the user currently follows. */
export async function followedAccountIds(db: Executor, userId: string, accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .select({ accountId: follows.accountId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.subscribed, true), inArray(follows.accountId, accountIds)));
  return new Set(rows.map((r) => r.accountId));
}

/** The accounts a user currently follows, by name. */
export async function listFollowedAccounts(db: Executor, userId: string): Promise<AccountRow[]> {
  const rows = await db
    .select({ account: accounts })
    .from(follows)
    .innerJoin(accounts, eq(accounts.id, follows.accountId))
    .where(and(eq(follows.userId, userId), eq(follows.subscribed, true)))
    .orderBy(accounts.name, accounts.appid);
  return rows.map((r) => r.account);
}

/** Replaces a follower user's stored password hash only if it is still `previous` (a re-hash at a higher cost). */
export async function replaceFollowerPasswordHash(db: Executor, userId: string, previous: string, next: string): Promise<void> {
  await db.update(followerUsers).set({ passwordHash: next }).where(and(eq(followerUsers.id, userId), eq(followerUsers.passwordHash, previous)));
}
