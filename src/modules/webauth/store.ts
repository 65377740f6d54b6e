import { and, count, desc, eq, gte, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { followerUsers } from '../followers/schema.js';
import { jsapiTickets, oauthCodes, oauthGrants, oauthTokens, webDomainEdits, webDomains, webSettings } from './schema.js';
import type { DomainKind } from './rules/domains.js';

/** SQL for the webauth module's tables. */

export type OauthCodeRow = typeof oauthCodes.$inferSelect;
export type OauthTokenRow = typeof oauthTokens.$inferSelect;
export type OauthGrantRow = typeof oauthGrants.$inferSelect;
export type WebDomainRow = typeof webDomains.$inferSelect;
export type JsapiTicketRow = typeof jsapiTickets.$inferSelect;

/** Stores a new ticket and drops the account's tickets of that type that have expired. */
export async function insertTicket(db: Executor, row: typeof jsapiTickets.$inferInsert): Promise<void> {
  await db.delete(jsapiTickets).where(and(eq(jsapiTickets.accountId, row.accountId), eq(jsapiTickets.type, row.type), lte(jsapiTickets.expiresAt, row.issuedAt)));
  await db.insert(jsapiTickets).values(row);
}

/** A ticket by its value (the JS-SDK verifier's lookup). */
export async function findTicket(db: Executor, ticket: string): Promise<JsapiTicketRow | undefined> {
  if (ticket.length > 256) return undefined;
  const [row] = await db.select().from(jsapiTickets).where(eq(jsapiTickets.ticket, ticket));
  return row;
}

/** An account's tickets of one type still valid at `now` (the JS-SDK config check tries each), newest first. */
export async function listValidTickets(db: Executor, accountId: string, type: string, now: Date, limit = 200): Promise<string[]> {
  const rows = await db
    .select({ ticket: jsapiTickets.ticket })
    .from(jsapiTickets)
    .where(and(eq(jsapiTickets.accountId, accountId), eq(jsapiTickets.type, type), sql`${jsapiTickets.expiresAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(desc(jsapiTickets.issuedAt))
    .limit(limit);
  return rows.map((r) => r.ticket);
}

export async function insertCode(db: Executor, row: typeof oauthCodes.$inferInsert): Promise<void> {
  await db.delete(oauthCodes).where(lt(oauthCodes.expiresAt, sql`${row.createdAt.toISOString()}::timestamptz - interval '1 day'`));
  await db.insert(oauthCodes).values(row);
}

/**
 * Uses a code: marks it used and returns it, or says why not (unknown, used, expired). Only one
 * of two concurrent exchanges of the same code gets it.
 */
export async function useCode(
  db: Executor,
  accountId: string,
  code: string,
  now: Date,
): Promise<{ row: OauthCodeRow } | { refused: 'unknown' | 'used' | 'expired' }> {
  const [taken] = await db
    .update(oauthCodes)
    .set({ usedAt: now })
    .where(and(eq(oauthCodes.code, code), eq(oauthCodes.accountId, accountId), isNull(oauthCodes.usedAt), sql`${oauthCodes.expiresAt} > ${now.toISOString()}::timestamptz`))
    .returning();
  if (taken) return { row: taken };
  const [row] = await db.select().from(oauthCodes).where(and(eq(oauthCodes.code, code), eq(oauthCodes.accountId, accountId)));
  if (!row) return { refused: 'unknown' };
  if (row.usedAt) return { refused: 'used' };
  return { refused: 'expired' };
}

export async function insertWebToken(db: Executor, row: typeof oauthTokens.$inferInsert): Promise<void> {
  await db.insert(oauthTokens).values(row);
}

export async function findWebToken(db: Executor, accessToken: string): Promise<OauthTokenRow | undefined> {
  const [row] = await db.select().from(oauthTokens).where(eq(oauthTokens.accessToken, accessToken));
  return row;
}

export async function findByRefreshToken(db: Executor, accountId: string, refreshToken: string): Promise<OauthTokenRow | undefined> {
  const [row] = await db.select().from(oauthTokens).where(and(eq(oauthTokens.refreshToken, refreshToken), eq(oauthTokens.accountId, accountId)));
  return row;
}

/** Moves a web access_token's expiry (a refresh before it expired) or replaces the token (after). */
export async function renewWebToken(db: Executor, refreshToken: string, patch: { accessToken: string; expiresAt: Date }): Promise<OauthTokenRow | undefined> {
  const [row] = await db.update(oauthTokens).set(patch).where(eq(oauthTokens.refreshToken, refreshToken)).returning();
  return row;
}

export async function insertGrant(db: Executor, row: typeof oauthGrants.$inferInsert): Promise<void> {
  await db.insert(oauthGrants).values(row);
}

/** The account's latest grants, newest first, before an id (paging), with the follower's nickname. */
export async function listGrants(db: Executor, accountId: string, limit: number, before?: number): Promise<Array<OauthGrantRow & { nickname: string | null }>> {
  const rows = await db
    .select({ grant: oauthGrants, nickname: followerUsers.nickname })
    .from(oauthGrants)
    .leftJoin(followerUsers, eq(followerUsers.id, oauthGrants.userId))
    .where(before ? and(eq(oauthGrants.accountId, accountId), lt(oauthGrants.id, before)) : eq(oauthGrants.accountId, accountId))
    .orderBy(desc(oauthGrants.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.grant, nickname: r.nickname }));
}

export async function listDomains(db: Executor, accountId: string, kind?: DomainKind): Promise<WebDomainRow[]> {
  return db
    .select()
    .from(webDomains)
    .where(kind ? and(eq(webDomains.accountId, accountId), eq(webDomains.kind, kind)) : eq(webDomains.accountId, accountId))
    .orderBy(webDomains.createdAt, webDomains.domain);
}

/** Replaces an account's domains of one kind. */
export async function replaceDomains(db: Executor, accountId: string, kind: DomainKind, rows: Array<{ domain: string; verifiedAt: Date | null }>, now: Date): Promise<void> {
  await db.delete(webDomains).where(and(eq(webDomains.accountId, accountId), eq(webDomains.kind, kind)));
  if (rows.length > 0) await db.insert(webDomains).values(rows.map((r) => ({ accountId, kind, domain: r.domain, verifiedAt: r.verifiedAt, createdAt: now })));
}

export type WebSettingsRow = typeof webSettings.$inferSelect;

/** The account's web settings, created with a fresh verify file name on first use. */
export async function ensureSettings(db: Executor, accountId: string, verifyFile: string): Promise<WebSettingsRow> {
  await db.insert(webSettings).values({ accountId, verifyFile }).onConflictDoNothing({ target: webSettings.accountId });
  const [row] = await db.select().from(webSettings).where(eq(webSettings.accountId, accountId));
  return row;
}

export async function setStrictDomains(db: Executor, accountId: string, strict: boolean): Promise<void> {
  await db.update(webSettings).set({ strictDomains: strict }).where(eq(webSettings.accountId, accountId));
}

/** How many times the account saved its domains of one kind since `since` (the month's start). */
export async function countDomainEdits(db: Executor, accountId: string, kind: DomainKind, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webDomainEdits)
    .where(and(eq(webDomainEdits.accountId, accountId), eq(webDomainEdits.kind, kind), gte(webDomainEdits.at, since)));
  return Number(row?.n ?? 0);
}

export async function insertDomainEdit(db: Executor, accountId: string, kind: DomainKind, at: Date): Promise<void> {
  await db.insert(webDomainEdits).values({ accountId, kind, at });
}
