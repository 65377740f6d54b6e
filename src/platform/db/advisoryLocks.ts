import { sql } from 'drizzle-orm';
import type { Tx } from './connect.js';

/**
 * Serialises one kind of change per account for the rest of the transaction (a transaction-level
 * advisory lock), so a count-then-insert rule such as "at most 100 tags" holds under concurrent
 * calls and across nodes. Keys are hashed: a rare collision only makes two accounts wait in turn.
 */
export async function lockAccountScope(tx: Tx, scope: 'tags' | 'qr_permanent' | 'follower_uploads', accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${scope}:${accountId}`}))`);
}
