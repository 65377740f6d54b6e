import type { Services } from '../../../main/services.js';
import type { Tx } from '../../../platform/db/connect.js';
import type { AccountRow } from '../store/accounts.js';
import { chinaDay } from '../../../platform/clock.js';
import { newAccessToken } from '../../../protocol/ids.js';
import { ipAllowed } from '../rules/ipWhitelist.js';
import { TOKEN_LIFETIME_SEC, tokenExpiry, tokenState } from '../rules/tokens.js';
import { DomainError } from '../../../platform/errors.js';
import {
  currentToken,
  insertToken,
  lockAccountForTokens,
  pruneTokens,
  supersedeTokens,
  takeForceRefresh,
  tokenDigest,
  type TokenKind,
} from '../store/tokens.js';
import { authenticateApp, type AppCredentials } from './appAuthenticator.js';

/** The quota keys the two token endpoints count against (domain/quotas.ts). */
export const TOKEN_API = '/cgi-bin/token';
export const STABLE_TOKEN_API = '/cgi-bin/stable_token';

/** A stable token with less than this left is rotated in normal mode, so expires_in >= 300. */
export const STABLE_ROTATE_BEFORE_MS = 5 * 60 * 1000;

/**
 * Tokens are deleted a day after they expire: until then a late caller still gets 42001
 * (expired, refresh) rather than 40001, and the table holds at most a few days of tokens.
 */
const PRUNE_AFTER_EXPIRY_MS = 24 * 3600 * 1000;

export interface TokenRequest extends AppCredentials {
  /** The caller's address, checked against the account's IP whitelist. */
  clientIp: string;
  /** Told the account as soon as the AppID names one (request-log attribution). */
  onAccount?: (accountId: string) => void;
}

export interface IssuedToken {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

/**
 * Refuses callers outside the account's whitelist (40164). Only getting a token is restricted,
 * as on WeChat; the token itself then works from anywhere.
 */
/** The 40164 text WeChat sends: the IPv4 address and its IPv4-mapped IPv6 form. */
export function ipNotWhitelistedMessage(ip: string): string {
  const v6 = ip.includes(':') ? ip : `::ffff:${ip}`;
  return `invalid ip ${ip} ipv6 ${v6}, not in whitelist`;
}

function checkWhitelist(account: AccountRow, clientIp: string): void {
  if (!ipAllowed(account.ipWhitelist ?? [], clientIp)) {
    throw new DomainError('ip_not_whitelisted', `${clientIp} is not in the IP whitelist`, { ip: clientIp }, { errcode: 40164, errmsg: ipNotWhitelistedMessage(clientIp) });
  }
}

async function takeQuota(services: Services, accountId: string, api: string): Promise<void> {
  if (!(await services.quotas.take(accountId, api))) throw new DomainError('quota_exceeded', `daily quota of ${api} reached`, undefined, { errcode: 45009 });
}

/** Supersedes the live tokens of `kind` and stores a fresh one. Runs inside the caller's transaction. */
async function rotate(tx: Tx, accountId: string, kind: TokenKind, nowMs: number) {
  const now = new Date(nowMs);
  const token = newAccessToken();
  await supersedeTokens(tx, accountId, kind, now);
  await insertToken(tx, { token, accountId, kind, issuedAt: now, expiresAt: tokenExpiry(nowMs) });
  await pruneTokens(tx, accountId, kind, new Date(nowMs - PRUNE_AFTER_EXPIRY_MS));
  return token;
}

/**
 * /cgi-bin/token: authenticates the app, checks the IP whitelist and the daily quota, and issues
 * a new access_token. The account's previous token is superseded and keeps working for
 * TOKEN_OVERLAP_MS (5 minutes), as on WeChat.
 *
 * Throws DomainError: the codes of authenticateApp, ip_not_whitelisted, quota_exceeded.
 */
export async function issueAccessToken(services: Services, req: TokenRequest): Promise<IssuedToken> {
  const account = await authenticateApp(services, req, { requireGrantType: true, onAccount: req.onAccount });
  checkWhitelist(account, req.clientIp);
  // Counted only once the caller proved the secret, so strangers cannot burn an account's quota.
  await takeQuota(services, account.id, TOKEN_API);
  const nowMs = services.clock.nowMs();
  const token = await services.db.transaction(async (tx) => {
    if (!(await lockAccountForTokens(tx, account.id))) throw new DomainError('invalid_appid', 'invalid appid', undefined, { errcode: 40013 });
    return rotate(tx, account.id, 'token', nowMs);
  });
  // Drop cached token states of this account so the superseded token's overlap starts now.
  services.tokens.forgetAccount(account.id);
  return { accessToken: token, expiresIn: TOKEN_LIFETIME_SEC };
}

/**
 * The plaintext of each account's current stable token, in this process's memory only (the
 * database keeps digests), so normal mode can answer the same token again. Bounded; an account
 * forgotten here gets a new token at its next normal-mode call.
 */
const stablePlaintext = new Map<string, string>();
const MAX_STABLE_REMEMBERED = 100_000;

function rememberStable(accountId: string, token: string): void {
  stablePlaintext.delete(accountId);
  stablePlaintext.set(accountId, token);
  while (stablePlaintext.size > MAX_STABLE_REMEMBERED) {
    const oldest = stablePlaintext.keys().next().value;
    if (oldest === undefined) break;
    stablePlaintext.delete(oldest);
  }
}

/**
 * /cgi-bin/stable_token: tokens of kind 'stable', isolated from /cgi-bin/token.
 *
 * Normal mode returns the current stable token while more than 5 minutes of it remain (with the
 * real seconds left), and rotates it otherwise. `forceRefresh` always issues a new one (the
 * previous keeps working 5 minutes), at most 20 times per China day and 30 s apart.
 *
 * Throws DomainError: the codes of authenticateApp, ip_not_whitelisted, quota_exceeded,
 * force_refresh_daily_limit, force_refresh_too_frequent.
 */
export async function issueStableToken(services: Services, req: TokenRequest & { forceRefresh: boolean }): Promise<IssuedToken> {
  const account = await authenticateApp(services, req, { requireGrantType: true, onAccount: req.onAccount });
  checkWhitelist(account, req.clientIp);
  await takeQuota(services, account.id, STABLE_TOKEN_API);
  const nowMs = services.clock.nowMs();
  let rotated = false;
  const issued = await services.db.transaction(async (tx): Promise<IssuedToken> => {
    // The lock makes concurrent normal-mode calls agree on one token instead of each rotating.
    if (!(await lockAccountForTokens(tx, account.id))) throw new DomainError('invalid_appid', 'invalid appid', undefined, { errcode: 40013 });
    if (!req.forceRefresh) {
      const current = await currentToken(tx, account.id, 'stable');
      // Only the digest is stored: the current token can be answered again only by a node that
      // still holds its plaintext in memory; any other node (or after a restart) rotates.
      const known = stablePlaintext.get(account.id);
      if (current && known && tokenDigest(known) === current.token && tokenState(current, nowMs) === 'valid') {
        const leftMs = current.expiresAt.getTime() - nowMs;
        if (leftMs >= STABLE_ROTATE_BEFORE_MS) return { accessToken: known, expiresIn: Math.floor(leftMs / 1000) };
      }
    } else {
      const verdict = await takeForceRefresh(tx, account.id, chinaDay(nowMs), new Date(nowMs));
      if (verdict === 'daily_limit') throw new DomainError('force_refresh_daily_limit', 'force_refresh is limited to 20 per day', undefined, { errcode: 45009 });
      if (verdict === 'too_frequent') throw new DomainError('force_refresh_too_frequent', 'force_refresh needs 30 s between calls', undefined, { errcode: 45011 });
    }
    rotated = true;
    return { accessToken: await rotate(tx, account.id, 'stable', nowMs), expiresIn: TOKEN_LIFETIME_SEC };
  });
  if (rotated) {
    rememberStable(account.id, issued.accessToken);
    services.tokens.forgetAccount(account.id);
  }
  return issued;
}
