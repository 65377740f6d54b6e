import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accessTokens, accounts, stableTokenForces } from '../schema.js';

export type TokenRow = typeof accessTokens.$inferSelect;

/**
 * The stored form of an access_token: its SHA-256 (hex). Tokens are 512 random bits, so a plain
 * digest is enough; the plaintext is never written to the database (migration 0007 converted the
 * rows written before).
 */
export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The row of a token (looked up by its digest). `row.token` is the digest. */
export async function findToken(db: Executor, token: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(accessTokens).where(eq(accessTokens.token, tokenDigest(token))).limit(1);
  return row;
}

export type TokenKind = 'token' | 'stable';

/**
 * Locks the account's row for the rest of the transaction, so token issues for one account
 * (rotation, supersession, force-refresh bookkeeping) happen one at a time across nodes.
 */
export async function lockAccountForTokens(tx: Executor, accountId: string): Promise<boolean> {
  const rows = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
  return rows.length > 0;
}

/** The newest token of a kind that no newer token has superseded. */
export async function currentToken(db: Executor, accountId: string, kind: TokenKind): Promise<TokenRow | undefined> {
  const [row] = await db
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.accountId, accountId), eq(accessTokens.kind, kind), isNull(accessTokens.supersededAt)))
    .orderBy(desc(accessTokens.issuedAt))
    .limit(1);
  return row;
}

/** Marks every live token of a kind as superseded at `at` (they keep working TOKEN_OVERLAP_MS, rules/tokens.ts). */
export async function supersedeTokens(tx: Executor, accountId: string, kind: TokenKind, at: Date): Promise<void> {
  await tx
    .update(accessTokens)
    .set({ supersededAt: at })
    .where(and(eq(accessTokens.accountId, accountId), eq(accessTokens.kind, kind), isNull(accessTokens.supersededAt)));
}

export async function insertToken(
  tx: Executor,
  row: { token: string; accountId: string; kind: TokenKind; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  await tx.insert(accessTokens).values({ ...row, token: tokenDigest(row.token) });
}

/**
 * Deletes an account's tokens of a kind that expired before `before`. Tokens are kept a while
 * after expiry so that using one still answers 42001 (expired) rather than 40001 (unknown).
 */
export async function pruneTokens(tx: Executor, accountId: string, kind: TokenKind, before: Date): Promise<void> {
  await tx
    .delete(accessTokens)
    .where(and(eq(accessTokens.accountId, accountId), eq(accessTokens.kind, kind), lt(accessTokens.expiresAt, before)));
}

/** stable_token force_refresh limits (reference §1): 20 per China day, 30 s apart. */
export const FORCE_REFRESH_PER_DAY = 20;
export const FORCE_REFRESH_GAP_MS = 30_000;

/**
 * Counts one force_refresh of the stable token for `day` if the limits allow it. Call inside a
 * transaction that holds lockAccountForTokens, so the check and the count cannot interleave.
 */
export async function takeForceRefresh(
  tx: Executor,
  accountId: string,
  day: string,
  now: Date,
): Promise<'ok' | 'daily_limit' | 'too_frequent'> {
  const [last] = await tx
    .select({ lastAt: stableTokenForces.lastAt })
    .from(stableTokenForces)
    .where(eq(stableTokenForces.accountId, accountId))
    .orderBy(sql`${stableTokenForces.lastAt} desc nulls last`)
    .limit(1);
  const [today] = await tx
    .select({ count: stableTokenForces.count })
    .from(stableTokenForces)
    .where(and(eq(stableTokenForces.accountId, accountId), eq(stableTokenForces.day, day)));
  if ((today?.count ?? 0) >= FORCE_REFRESH_PER_DAY) return 'daily_limit';
  if (last?.lastAt && now.getTime() - last.lastAt.getTime() < FORCE_REFRESH_GAP_MS) return 'too_frequent';
  await tx
    .insert(stableTokenForces)
    .values({ accountId, day, count: 1, lastAt: now })
    .onConflictDoUpdate({
      target: [stableTokenForces.accountId, stableTokenForces.day],
      set: { count: sql`${stableTokenForces.count} + 1`, lastAt: now },
    });
  return 'ok';
}
