import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../schema.js';

/** Replaces an account's IP whitelist. Returns false when the account does not exist. */
export async function saveIpWhitelist(db: Executor, accountId: string, entries: string[]): Promise<boolean> {
  const rows = await db.update(accounts).set({ ipWhitelist: entries }).where(eq(accounts.id, accountId)).returning({ id: accounts.id });
  return rows.length > 0;
}
