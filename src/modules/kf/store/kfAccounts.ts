import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { kfAccounts, kfSessions } from '../schema.js';
import { FIRST_KF_ID } from '../rules/kf.js';

/** SQL for customer-service accounts (kf_accounts). */

/**
 * A kf account as commands and presenters use it: every column but the avatar itself (up to a
 * few MB as a data URL), with a short fingerprint of the avatar instead ('' when none is set).
 */
export type KfAccountRow = Omit<typeof kfAccounts.$inferSelect, 'headimgurl'> & { headimgVersion: string };

const columns = {
  accountId: kfAccounts.accountId,
  kfAccount: kfAccounts.kfAccount,
  kfId: kfAccounts.kfId,
  nickname: kfAccounts.nickname,
  operatorId: kfAccounts.operatorId,
  inviteWx: kfAccounts.inviteWx,
  inviteStatus: kfAccounts.inviteStatus,
  inviteExpiresAt: kfAccounts.inviteExpiresAt,
  online: kfAccounts.online,
  createdAt: kfAccounts.createdAt,
  headimgVersion: sql<string>`case when ${kfAccounts.headimgurl} = '' then '' else substr(md5(${kfAccounts.headimgurl}), 1, 12) end`,
};

/** Whether a string can name a kf account at all (PostgreSQL text cannot even hold a NUL). */
const nameable = (kfAccount: string) => typeof kfAccount === 'string' && kfAccount.length <= 64 && !kfAccount.includes('\u0000');

/** kf_account comparisons ignore case, so "Anna@shop" and "anna@shop" are one account. */
const sameKf = (accountId: string, kfAccount: string) =>
  and(eq(kfAccounts.accountId, accountId), sql`lower(${kfAccounts.kfAccount}) = lower(${kfAccount})`);

/**
 * Serialises kf-account management of one official account (add, delete) for the rest of the
 * transaction, across nodes: counting, numbering and the duplicate check then see every write.
 */
export async function lockKfManagement(tx: Executor, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kf-accounts:${accountId}`}, 0))`);
}

/** The account's kf accounts in kf_id order. */
export async function listKfAccounts(db: Executor, accountId: string): Promise<KfAccountRow[]> {
  return db.select(columns).from(kfAccounts).where(eq(kfAccounts.accountId, accountId)).orderBy(asc(kfAccounts.kfId));
}

/**
 * One kf account. `lock: 'share'` keeps it from being deleted until the transaction ends
 * (sessions being assigned to it); `'update'` locks it for a change.
 */
export async function findKfAccount(
  db: Executor,
  accountId: string,
  kfAccount: string,
  lock?: 'share' | 'update',
): Promise<KfAccountRow | undefined> {
  if (!nameable(kfAccount)) return undefined;
  const q = db.select(columns).from(kfAccounts).where(sameKf(accountId, kfAccount)).limit(1);
  const [row] = lock === 'share' ? await q.for('share') : lock === 'update' ? await q.for('update') : await q;
  return row;
}

/** The avatar of a kf account as stored (a data URL), '' when none is set. */
export async function findKfAvatar(db: Executor, accountId: string, kfId: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(kfId)) return undefined;
  const [row] = await db
    .select({ headimgurl: kfAccounts.headimgurl })
    .from(kfAccounts)
    .where(and(eq(kfAccounts.accountId, accountId), eq(kfAccounts.kfId, kfId)))
    .limit(1);
  return row?.headimgurl;
}

/** How many kf accounts the account has, and the kf_id the next one gets. */
export async function kfAccountStats(db: Executor, accountId: string): Promise<{ count: number; nextKfId: number }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, maxId: sql<number | null>`max(${kfAccounts.kfId})` })
    .from(kfAccounts)
    .where(eq(kfAccounts.accountId, accountId));
  const maxId = row?.maxId === null || row?.maxId === undefined ? FIRST_KF_ID - 1 : Number(row.maxId);
  return { count: Number(row?.count ?? 0), nextKfId: maxId + 1 };
}

/** Inserts a kf account (offline, no worker, no avatar). */
export async function insertKfAccount(
  db: Executor,
  row: { accountId: string; kfAccount: string; kfId: number; nickname: string; now: Date },
): Promise<KfAccountRow> {
  const [inserted] = await db
    .insert(kfAccounts)
    .values({ accountId: row.accountId, kfAccount: row.kfAccount, kfId: row.kfId, nickname: row.nickname, createdAt: row.now })
    .returning(columns);
  return inserted;
}

/** Changes fields of a kf account; returns the row after the change, or undefined when absent. */
export async function updateKfAccount(
  db: Executor,
  accountId: string,
  kfAccount: string,
  set: Partial<Pick<typeof kfAccounts.$inferInsert, 'nickname' | 'headimgurl' | 'inviteWx' | 'inviteStatus' | 'inviteExpiresAt' | 'online' | 'operatorId'>>,
): Promise<KfAccountRow | undefined> {
  if (!nameable(kfAccount)) return undefined;
  const [row] = await db.update(kfAccounts).set(set).where(sameKf(accountId, kfAccount)).returning(columns);
  return row;
}

/** Deletes a kf account; returns the deleted row. */
export async function deleteKfAccount(db: Executor, accountId: string, kfAccount: string): Promise<KfAccountRow | undefined> {
  if (!nameable(kfAccount)) return undefined;
  const [row] = await db.delete(kfAccounts).where(sameKf(accountId, kfAccount)).returning(columns);
  return row;
}

/**
 * The account's other kf accounts tied to a personal WeChat id: bound to it, or with an
 * invitation to it still waiting at `now`.
 */
export async function kfAccountsOfWorker(db: Executor, accountId: string, wechatId: string, now: Date): Promise<KfAccountRow[]> {
  return db
    .select(columns)
    .from(kfAccounts)
    .where(
      and(
        eq(kfAccounts.accountId, accountId),
        sql`lower(${kfAccounts.inviteWx}) = lower(${wechatId})`,
        or(eq(kfAccounts.inviteStatus, 'accepted'), and(eq(kfAccounts.inviteStatus, 'waiting'), gt(kfAccounts.inviteExpiresAt, now))),
      ),
    );
}

/** How many kf accounts, across every official account, a personal WeChat id is bound to. */
export async function countBindingsOfWorker(db: Executor, wechatId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(kfAccounts)
    .where(and(sql`lower(${kfAccounts.inviteWx}) = lower(${wechatId})`, eq(kfAccounts.inviteStatus, 'accepted')));
  return Number(row?.n ?? 0);
}

/** Active sessions per kf account (getonlinekflist's accepted_case). */
export async function acceptedCases(db: Executor, accountId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ kfAccount: kfSessions.kfAccount, n: sql<number>`count(*)::int` })
    .from(kfSessions)
    .where(and(eq(kfSessions.accountId, accountId), eq(kfSessions.status, 'active')))
    .groupBy(kfSessions.kfAccount);
  return new Map(rows.filter((r) => r.kfAccount !== null).map((r) => [String(r.kfAccount), Number(r.n)]));
}

/** Online kf accounts of the account, in kf_id order. */
export async function listOnlineKfAccounts(db: Executor, accountId: string): Promise<KfAccountRow[]> {
  return db
    .select(columns)
    .from(kfAccounts)
    .where(and(eq(kfAccounts.accountId, accountId), eq(kfAccounts.online, true)))
    .orderBy(asc(kfAccounts.kfId));
}
