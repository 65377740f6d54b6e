import { and, count, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { followerUsers, follows } from '../followers/schema.js';
import { jsapiTickets, oauthCodes, oauthGrants, oauthTokens, webDomainEdits, webDomains, webSettings } from './schema.js';
import type { DomainKind } from './rules/domains.js';

/** SQL for the webauth module's tables. */

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

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/**
 * Records a code and the grant that made it in one statement (its own transaction: both or
 * neither), purging codes a day past their expiry on the way. The authorize page's write when the
 * openid is known: no explicit transaction, so the embedded database's one connection is not held
 * between round trips.
 */
export async function insertCodeAndGrant(db: Executor, code: typeof oauthCodes.$inferInsert, grant: typeof oauthGrants.$inferInsert): Promise<void> {
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  await db.execute(sql`
    with purged as (
      delete from ${oauthCodes} where ${oauthCodes.expiresAt} < ${at(code.createdAt)} - interval '1 day'
    ), coded as (
      insert into ${oauthCodes} (code, account_id, user_id, openid, scope, snapshot, created_at, expires_at)
      values (${code.code}, ${code.accountId}::uuid, ${code.userId}::uuid, ${code.openid}, ${code.scope}, ${code.snapshot ?? false}, ${at(code.createdAt)}, ${at(code.expiresAt)})
    )
    insert into ${oauthGrants} (account_id, user_id, openid, scope, result, errcode, redirect_host, at)
    values (${grant.accountId}::uuid, ${grant.userId ?? null}::uuid, ${grant.openid ?? null}, ${grant.scope}, ${grant.result}, ${grant.errcode ?? null}, ${grant.redirectHost ?? ''}, ${at(grant.at)})`);
}

/** What a code is exchanged for: who it was issued to and, for one of theirs, the follower's unionid. */
export interface ExchangedCode {
  userId: string;
  openid: string;
  scope: string;
  snapshot: boolean;
  /** The follower's unionid under the account (null for a snapshot code: no follow is made). */
  unionid: string | null;
}

/**
 * Exchanges a code in one statement: marks it used, stores the web token and reads the
 * follower's unionid. Only one of two concurrent exchanges of the same code gets it. Refused
 * (nothing stored): why, as useCode says.
 */
export async function exchangeCodeForToken(
  db: Executor,
  accountId: string,
  code: string,
  now: Date,
  token: { accessToken: string; refreshToken: string; expiresAt: Date; refreshExpiresAt: Date },
): Promise<{ row: ExchangedCode } | { refused: 'unknown' | 'used' | 'expired' }> {
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    with used as (
      update ${oauthCodes} set used_at = ${at(now)}
      where code = ${code} and account_id = ${accountId}::uuid and used_at is null and expires_at > ${at(now)}
      returning user_id, openid, scope, snapshot
    ), stored as (
      insert into ${oauthTokens} (access_token, refresh_token, account_id, user_id, openid, scope, issued_at, expires_at, refresh_expires_at, snapshot)
      select ${token.accessToken}, ${token.refreshToken}, ${accountId}::uuid, user_id, openid, scope, ${at(now)}, ${at(token.expiresAt)}, ${at(token.refreshExpiresAt)}, snapshot from used
      returning user_id, openid, scope, snapshot
    )
    select s.user_id, s.openid, s.scope, s.snapshot, f.unionid
    from stored s left join ${follows} f on f.account_id = ${accountId}::uuid and f.user_id = s.user_id and not s.snapshot`);
  const [r] = rowsOf<{ user_id: string; openid: string; scope: string; snapshot: boolean; unionid: string | null }>(result);
  if (r) return { row: { userId: r.user_id, openid: r.openid, scope: r.scope, snapshot: r.snapshot === true, unionid: r.unionid ?? null } };
  const [row] = await db.select().from(oauthCodes).where(and(eq(oauthCodes.code, code), eq(oauthCodes.accountId, accountId)));
  if (!row) return { refused: 'unknown' };
  if (row.usedAt) return { refused: 'used' };
  return { refused: 'expired' };
}

/** A web access_token with what sns/userinfo shows of its follower (null when the follower or the follow is gone). */
export async function findWebTokenProfile(db: Executor, accessToken: string): Promise<{ token: OauthTokenRow; nickname: string | null; avatarUrl: string | null; unionid: string | null } | undefined> {
  const [row] = await db
    .select({ token: oauthTokens, nickname: followerUsers.nickname, avatarUrl: followerUsers.avatarUrl, unionid: follows.unionid })
    .from(oauthTokens)
    .leftJoin(followerUsers, eq(followerUsers.id, oauthTokens.userId))
    .leftJoin(follows, and(eq(follows.accountId, oauthTokens.accountId), eq(follows.userId, oauthTokens.userId)))
    .where(eq(oauthTokens.accessToken, accessToken));
  return row;
}

/**
 * What the authorize page checks redirect_uri against, in one read: the account's web
 * authorization domains and its strict-rules switch (off when the settings row is not made yet,
 * as it would be made).
 */
export async function oauthDomainsOf(db: Executor, accountId: string): Promise<{ domains: string[]; strictDomains: boolean }> {
  const rows = await db
    .select({ domain: webDomains.domain, strict: webSettings.strictDomains })
    .from(webDomains)
    .leftJoin(webSettings, eq(webSettings.accountId, webDomains.accountId))
    .where(and(eq(webDomains.accountId, accountId), eq(webDomains.kind, 'oauth')))
    .orderBy(webDomains.createdAt, webDomains.domain);
  return { domains: rows.map((r) => r.domain), strictDomains: rows[0]?.strict === true };
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
