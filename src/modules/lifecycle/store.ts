import { and, eq, inArray, or, sql, desc } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { accountMigrations, migratedOpenids } from './schema.js';
import { accounts } from '../accounts/schema.js';
import { OPEN_MIGRATION_STATUSES } from './rules.js';

/** SQL for account migrations and the openid map changeopenid answers from. */

export type MigrationRow = typeof accountMigrations.$inferSelect;

/** Serializes lifecycle changes of one account (apply, confirm, complete) for the transaction. */
export async function lockLifecycle(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lifecycle:${accountId}`}))`);
}

export async function insertMigration(db: Executor, values: typeof accountMigrations.$inferInsert): Promise<MigrationRow> {
  const [row] = await db.insert(accountMigrations).values(values).returning();
  return row;
}

export async function findMigration(db: Executor, id: string): Promise<MigrationRow | undefined> {
  const [row] = await db.select().from(accountMigrations).where(eq(accountMigrations.id, id));
  return row;
}

export async function updateMigration(db: Executor, id: string, patch: Partial<MigrationRow>): Promise<MigrationRow> {
  const [row] = await db.update(accountMigrations).set(patch).where(eq(accountMigrations.id, id)).returning();
  return row;
}

/** Migrations not finished or cancelled in which either account takes part. */
export async function countOpenMigrations(db: Executor, accountIds: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(accountMigrations)
    .where(and(
      inArray(accountMigrations.status, [...OPEN_MIGRATION_STATUSES]),
      or(inArray(accountMigrations.fromAccountId, accountIds), inArray(accountMigrations.toAccountId, accountIds)),
    ));
  return row?.n ?? 0;
}

/** Every migration of an account, as source or target, newest first. */
export async function listMigrations(db: Executor, accountId: string): Promise<MigrationRow[]> {
  return db
    .select()
    .from(accountMigrations)
    .where(or(eq(accountMigrations.fromAccountId, accountId), eq(accountMigrations.toAccountId, accountId)))
    .orderBy(desc(accountMigrations.appliedAt));
}

/** Records old → new openids of a completed migration. */
export async function insertOpenidMap(
  db: Executor,
  m: { migrationId: string; toAccountId: string; fromAppid: string },
  pairs: Array<{ oriOpenid: string; newOpenid: string }>,
): Promise<void> {
  for (let i = 0; i < pairs.length; i += 1000) {
    const chunk = pairs.slice(i, i + 1000);
    await db.insert(migratedOpenids).values(chunk.map((p) => ({ ...m, ...p }))).onConflictDoNothing();
  }
}

/** Whether an account migrated from `fromAppid` into `toAccountId` (completed). */
export async function migratedFrom(db: Executor, toAccountId: string, fromAppid: string): Promise<boolean> {
  const [row] = await db
    .select({ id: migratedOpenids.migrationId })
    .from(migratedOpenids)
    .where(and(eq(migratedOpenids.toAccountId, toAccountId), eq(migratedOpenids.fromAppid, fromAppid)))
    .limit(1);
  return row !== undefined;
}

/** The new openids of the given old ones, for one target account and source appid. */
export async function newOpenidsOf(db: Executor, toAccountId: string, fromAppid: string, ori: string[]): Promise<Map<string, string>> {
  if (ori.length === 0) return new Map();
  const rows = await db
    .select({ ori: migratedOpenids.oriOpenid, next: migratedOpenids.newOpenid })
    .from(migratedOpenids)
    .where(and(eq(migratedOpenids.toAccountId, toAccountId), eq(migratedOpenids.fromAppid, fromAppid), inArray(migratedOpenids.oriOpenid, ori)));
  return new Map(rows.map((r) => [r.ori, r.next]));
}

/**
 * The review fee of each migration an organization's accounts applied for (the costs page's
 * 账号迁移 lines): the account that applied (A), the amount and whether it is paid. A cancelled
 * migration whose fee was never paid is not owed.
 */
export async function migrationFees(db: Executor, orgId: string | null) {
  return db
    .select({
      id: accountMigrations.id,
      feeFen: accountMigrations.feeFen,
      feeStatus: accountMigrations.feeStatus,
      status: accountMigrations.status,
      appliedAt: accountMigrations.appliedAt,
      appid: accounts.appid,
      accountName: accounts.name,
    })
    .from(accountMigrations)
    .innerJoin(accounts, eq(accounts.id, accountMigrations.fromAccountId))
    .where(and(sql`${accountMigrations.feeFen} > 0`, orgId ? eq(accounts.orgId, orgId) : undefined))
    .orderBy(desc(accountMigrations.appliedAt))
    .limit(1000);
}
