import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../schema.js';

export type AccountRow = typeof accounts.$inferSelect;

export async function findAccountByAppid(db: Executor, appid: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.appid, appid)).limit(1);
  return row;
}

export async function findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

export async function listAccountsOfOrg(db: Executor, orgId: string): Promise<AccountRow[]> {
  return db.select().from(accounts).where(eq(accounts.orgId, orgId)).orderBy(accounts.createdAt);
}

/** The account using a WeChat ID (微信号), compared without case as WeChat does, if any. */
export async function findAccountByWechatId(db: Executor, wechatId: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(sql`lower(${accounts.wechatId}) = lower(${wechatId})`).limit(1);
  return row;
}

/** Whether an account uses this name, compared without case (names are unique platform-wide for new registrations). */
export async function accountNameTaken(db: Executor, name: string): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.name}) = lower(${name})`).limit(1);
  return row !== undefined;
}

/** Changes the profile fields given (公众号设置); the updated row. */
export async function updateAccountProfile(
  db: Executor,
  id: string,
  patch: Partial<Pick<AccountRow, 'name' | 'description' | 'wechatId' | 'avatarMediaId'>>,
): Promise<AccountRow | undefined> {
  const [row] = await db.update(accounts).set(patch).where(eq(accounts.id, id)).returning();
  return row;
}

/**
 * Changes an account's standing: its verification (微信认证) and end, its type (a conversion) or
 * its name (the naming right of a verification), its status and its restrictions with an end time
 * (a penalty). Written by the verification and enforcement modules' commands.
 */
export async function updateAccountStanding(
  db: Executor,
  id: string,
  patch: Partial<Pick<AccountRow, 'verified' | 'verifiedUntil' | 'type' | 'name' | 'status' | 'restrictions'>>,
): Promise<AccountRow | undefined> {
  const [row] = await db.update(accounts).set(patch).where(eq(accounts.id, id)).returning();
  return row;
}

/** The avatar media ids of accounts by appid (accounts without an avatar are left out). */
export async function avatarsByAppid(db: Executor, appids: readonly string[]): Promise<Map<string, string>> {
  if (appids.length === 0) return new Map();
  const rows = await db
    .select({ appid: accounts.appid, avatar: accounts.avatarMediaId })
    .from(accounts)
    .where(and(inArray(accounts.appid, [...appids]), isNotNull(accounts.avatarMediaId)));
  return new Map(rows.map((r) => [r.appid, r.avatar as string]));
}

/**
 * Sets an account's status: active | suspended | banned | frozen (migrating away) |
 * deregistering (cooling-off) | deregistered. The lifecycle module owns the last three.
 */
export async function setAccountStatus(db: Executor, id: string, status: string): Promise<AccountRow | undefined> {
  const [row] = await db.update(accounts).set({ status }).where(eq(accounts.id, id)).returning();
  return row;
}
