import { eq } from 'drizzle-orm';
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
