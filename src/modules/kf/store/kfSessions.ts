import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { follows } from '../../followers/schema.js';
import { kfSessions } from '../schema.js';

/** SQL for customer-service sessions (kf_sessions) and the follow check they need. */

export type KfSessionRow = typeof kfSessions.$inferSelect;

/**
 * Serialises every session change of one follower of one account for the rest of the
 * transaction, across nodes (create, accept, transfer, close and message bookkeeping). Commands
 * take it before reading the open session, so two workers cannot both claim it.
 */
export async function lockFollowerSessions(tx: Executor, accountId: string, openid: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kf-session:${accountId}:${openid}`}, 0))`);
}

/** Whether the openid belongs to a current follower of the account. */
export async function isCurrentFollower(db: Executor, accountId: string, openid: string): Promise<boolean> {
  const [row] = await db
    .select({ subscribed: follows.subscribed })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.openid, openid)))
    .limit(1);
  return row?.subscribed === true;
}

/** The follower's open (waiting or active) session, if any. At most one exists (a unique index). */
export async function findOpenSession(db: Executor, accountId: string, openid: string): Promise<KfSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(kfSessions)
    .where(and(eq(kfSessions.accountId, accountId), eq(kfSessions.openid, openid), ne(kfSessions.status, 'closed')))
    .limit(1);
  return row;
}

/** Inserts a session; an active one is accepted at `now`. */
export async function insertSession(
  db: Executor,
  row: { accountId: string; openid: string; kfAccount: string | null; status: 'waiting' | 'active'; now: Date },
): Promise<KfSessionRow> {
  const [inserted] = await db
    .insert(kfSessions)
    .values({
      accountId: row.accountId,
      openid: row.openid,
      kfAccount: row.kfAccount,
      status: row.status,
      createdAt: row.now,
      acceptedAt: row.status === 'active' ? row.now : null,
    })
    .returning();
  return inserted;
}

/** Changes fields of a session by id; returns the row after the change. */
export async function updateSession(
  db: Executor,
  id: number,
  set: Partial<Pick<KfSessionRow, 'kfAccount' | 'status' | 'acceptedAt' | 'closedAt' | 'lastUserMessageAt' | 'lastReplyAt'>>,
): Promise<KfSessionRow> {
  const [row] = await db.update(kfSessions).set(set).where(eq(kfSessions.id, id)).returning();
  return row;
}

/** A kf account's active sessions, oldest first, locked when `lock` (closing them all). */
export async function listActiveSessionsOfKf(db: Executor, accountId: string, kfAccount: string, lock = false): Promise<KfSessionRow[]> {
  const q = db
    .select()
    .from(kfSessions)
    .where(and(eq(kfSessions.accountId, accountId), eq(kfSessions.status, 'active'), eq(kfSessions.kfAccount, kfAccount)))
    .orderBy(asc(kfSessions.createdAt), asc(kfSessions.id));
  return lock ? q.for('update') : q;
}

/** Waiting sessions reserved for a kf account lose the reservation (the kf account is gone). */
export async function releaseWaitingReservations(db: Executor, accountId: string, kfAccount: string): Promise<void> {
  await db
    .update(kfSessions)
    .set({ kfAccount: null })
    .where(and(eq(kfSessions.accountId, accountId), eq(kfSessions.status, 'waiting'), eq(kfSessions.kfAccount, kfAccount)));
}

/** The wait queue: how many wait, and the first `limit` in queue order. */
export async function listWaitingSessions(db: Executor, accountId: string, limit: number): Promise<{ count: number; sessions: KfSessionRow[] }> {
  const where = and(eq(kfSessions.accountId, accountId), eq(kfSessions.status, 'waiting'));
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(kfSessions).where(where);
  const sessions = await db.select().from(kfSessions).where(where).orderBy(asc(kfSessions.createdAt), asc(kfSessions.id)).limit(limit);
  return { count: Number(counted?.n ?? 0), sessions };
}

/** A session with what the response-time board needs. */
export interface BoardRow {
  id: number;
  openid: string;
  kfAccount: string | null;
  status: string;
  createdAt: Date;
  lastUserMessageAt: Date | null;
  lastReplyAt: Date | null;
  /** The first follower message recorded after the latest answer. */
  firstUnansweredAt: Date | null;
}

/**
 * The account's open sessions with the time of the first follower message after the latest
 * answer (from the records), for the 48-hour response-time board.
 */
export async function listSessionsForBoard(db: Executor, accountId: string): Promise<BoardRow[]> {
  // Written out in SQL: drizzle leaves columns unqualified inside a select list, which would
  // bind them to kf_records here instead of the outer kf_sessions row.
  const first = sql<Date | string | null>`(
    select min(r.created_at) from kf_records r
     where r.account_id = kf_sessions.account_id and r.openid = kf_sessions.openid
       and r.opercode in (2001, 2003)
       and r.created_at >= kf_sessions.created_at
       and (kf_sessions.last_reply_at is null or r.created_at > kf_sessions.last_reply_at))`;
  const rows = await db
    .select({
      id: kfSessions.id,
      openid: kfSessions.openid,
      kfAccount: kfSessions.kfAccount,
      status: kfSessions.status,
      createdAt: kfSessions.createdAt,
      lastUserMessageAt: kfSessions.lastUserMessageAt,
      lastReplyAt: kfSessions.lastReplyAt,
      firstUnansweredAt: first,
    })
    .from(kfSessions)
    .where(and(eq(kfSessions.accountId, accountId), ne(kfSessions.status, 'closed')))
    .orderBy(asc(kfSessions.createdAt), asc(kfSessions.id));
  // A raw subquery comes back as text on some drivers: normalise to Date.
  return rows.map((r) => ({ ...r, firstUnansweredAt: r.firstUnansweredAt === null ? null : new Date(r.firstUnansweredAt) }));
}
