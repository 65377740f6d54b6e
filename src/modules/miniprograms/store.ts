import { and, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { accounts } from '../accounts/schema.js';
import { miniProgramLinkRequests, miniProgramLinks, miniPrograms } from './schema.js';

export type MiniProgramRow = typeof miniPrograms.$inferSelect;
export type LinkRow = typeof miniProgramLinks.$inferSelect;

/** A link with the mini program it names. */
export interface LinkView extends LinkRow {
  miniProgram: MiniProgramRow;
}

export async function insertMiniProgram(db: Executor, row: typeof miniPrograms.$inferInsert): Promise<MiniProgramRow> {
  const [r] = await db.insert(miniPrograms).values(row).returning();
  return r;
}

export async function findMiniProgramByAppid(db: Executor, appid: string): Promise<MiniProgramRow | undefined> {
  const [r] = await db.select().from(miniPrograms).where(eq(miniPrograms.appid, appid.toLowerCase())).limit(1);
  return r;
}

export async function findMiniProgramByUsername(db: Executor, username: string): Promise<MiniProgramRow | undefined> {
  const [r] = await db.select().from(miniPrograms).where(eq(miniPrograms.username, username)).limit(1);
  return r;
}

/** An organization's mini programs, newest first. */
export async function listMiniProgramsOfOrg(db: Executor, orgId: string): Promise<MiniProgramRow[]> {
  return db.select().from(miniPrograms).where(eq(miniPrograms.orgId, orgId)).orderBy(desc(miniPrograms.createdAt)).limit(200);
}

/** An account's links (every state), oldest first. */
export async function linksOfAccount(db: Executor, accountId: string): Promise<LinkView[]> {
  const rows = await db
    .select({ link: miniProgramLinks, mp: miniPrograms })
    .from(miniProgramLinks)
    .innerJoin(miniPrograms, eq(miniPrograms.id, miniProgramLinks.miniProgramId))
    .where(eq(miniProgramLinks.accountId, accountId))
    .orderBy(asc(miniProgramLinks.requestedAt));
  return rows.map((r) => ({ ...r.link, miniProgram: r.mp }));
}

/** The link between an account and a mini program, locked for update when `lock`. */
export async function findLink(db: Executor, accountId: string, miniProgramId: string, lock = false): Promise<LinkRow | undefined> {
  const q = db.select().from(miniProgramLinks).where(and(eq(miniProgramLinks.accountId, accountId), eq(miniProgramLinks.miniProgramId, miniProgramId))).limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

/** Serializes link requests of one account (limits are counted under it). */
export async function lockAccountLinks(db: Executor, accountId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`mini_program_links:${accountId}`}))`);
}

export async function upsertLink(db: Executor, row: typeof miniProgramLinks.$inferInsert): Promise<void> {
  await db
    .insert(miniProgramLinks)
    .values(row)
    .onConflictDoUpdate({
      target: [miniProgramLinks.accountId, miniProgramLinks.miniProgramId],
      set: { status: row.status, showProfile: row.showProfile, notifyUsers: row.notifyUsers, source: row.source, requestedAt: row.requestedAt, linkedAt: null, unlinkRequestedAt: null },
    });
}

export async function setLinkState(db: Executor, accountId: string, miniProgramId: string, set: Partial<Pick<LinkRow, 'status' | 'linkedAt' | 'unlinkRequestedAt'>>): Promise<void> {
  await db.update(miniProgramLinks).set(set).where(and(eq(miniProgramLinks.accountId, accountId), eq(miniProgramLinks.miniProgramId, miniProgramId)));
}

export async function deleteLink(db: Executor, accountId: string, miniProgramId: string): Promise<boolean> {
  const gone = await db.delete(miniProgramLinks).where(and(eq(miniProgramLinks.accountId, accountId), eq(miniProgramLinks.miniProgramId, miniProgramId))).returning({ a: miniProgramLinks.accountId });
  return gone.length > 0;
}

/** Linked mini programs of an account (status 1), by owner: same organization as the account or not. */
export async function linkedCounts(db: Executor, accountId: string, orgId: string): Promise<{ same: number; other: number }> {
  const rows = await db
    .select({ same: sql<boolean>`${miniPrograms.orgId} = ${orgId}`, n: count() })
    .from(miniProgramLinks)
    .innerJoin(miniPrograms, eq(miniPrograms.id, miniProgramLinks.miniProgramId))
    .where(and(eq(miniProgramLinks.accountId, accountId), inArray(miniProgramLinks.status, [1, 2, 12])))
    .groupBy(sql`1`);
  return { same: Number(rows.find((r) => r.same)?.n ?? 0), other: Number(rows.find((r) => !r.same)?.n ?? 0) };
}

export async function recordLinkRequest(db: Executor, accountId: string, miniProgramId: string, at: Date): Promise<void> {
  await db.insert(miniProgramLinkRequests).values({ accountId, miniProgramId, at });
}

export async function linkRequestsSince(db: Executor, accountId: string, since: Date): Promise<number> {
  const [r] = await db.select({ n: count() }).from(miniProgramLinkRequests).where(and(eq(miniProgramLinkRequests.accountId, accountId), gte(miniProgramLinkRequests.at, since)));
  return Number(r?.n ?? 0);
}

/** Links waiting for a phone user as the admin of the mini program (status 2), with the account. */
export async function invitationsOf(db: Executor, userId: string) {
  return db
    .select({ link: miniProgramLinks, mp: miniPrograms, account: { appid: accounts.appid, name: accounts.name, type: accounts.type } })
    .from(miniProgramLinks)
    .innerJoin(miniPrograms, eq(miniPrograms.id, miniProgramLinks.miniProgramId))
    .innerJoin(accounts, eq(accounts.id, miniProgramLinks.accountId))
    .where(and(eq(miniPrograms.adminUserId, userId), eq(miniProgramLinks.status, 2)))
    .orderBy(asc(miniProgramLinks.requestedAt))
    .limit(100);
}

/** The linked mini programs (status 1) of an account among some AppIDs. */
export async function linkedAmong(db: Executor, accountId: string, appids: string[]): Promise<MiniProgramRow[]> {
  if (appids.length === 0) return [];
  const rows = await db
    .select({ mp: miniPrograms })
    .from(miniProgramLinks)
    .innerJoin(miniPrograms, eq(miniPrograms.id, miniProgramLinks.miniProgramId))
    .where(and(eq(miniProgramLinks.accountId, accountId), eq(miniProgramLinks.status, 1), inArray(miniPrograms.appid, appids.map((a) => a.toLowerCase()))));
  return rows.map((r) => r.mp);
}

/** The mini programs an account shows on its profile (linked, show_profile), for the phone. */
export async function profileMiniPrograms(db: Executor, accountId: string): Promise<MiniProgramRow[]> {
  const rows = await db
    .select({ mp: miniPrograms })
    .from(miniProgramLinks)
    .innerJoin(miniPrograms, eq(miniPrograms.id, miniProgramLinks.miniProgramId))
    .where(and(eq(miniProgramLinks.accountId, accountId), eq(miniProgramLinks.status, 1), eq(miniProgramLinks.showProfile, true)))
    .orderBy(asc(miniProgramLinks.linkedAt));
  return rows.map((r) => r.mp);
}
