import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { can, restrictedAt } from '../../accounts/rules/capabilities.js';
import { findAccountByAppid, findAccountById, type AccountRow } from '../../accounts/index.js';
import { ensureOpenid, findFollow, type FollowerUserRow } from '../../followers/index.js';
import { AUTHORIZE_PER_MINUTE, CODE_TTL_MS, DEFAULT_SNAPSHOT_FROM, FULL_SERVICE_PARAM, authorizeMode, fullServiceQuery, parseAuthorize, redirectTarget, virtualIds, type AuthorizeErrcode, type AuthorizeRequest, type Origin, type Scope } from '../rules/authorize.js';
import { matchUrl } from '../rules/domains.js';
import { insertCodeAndGrant, insertGrant, oauthDomainsOf } from '../store.js';
import { domainRulesFor } from './webSettings.js';
import { CONSENT_TTL_MS, readConsent, signConsent } from './consentToken.js';

export type { Origin };

/** What opening an authorize URL leads to. */
export type AuthorizeOutcome =
  | { kind: 'error'; errcode: AuthorizeErrcode; account?: AccountRow }
  /** No follower is signed in on this browser. */
  | { kind: 'signin'; account: AccountRow }
  /** snsapi_userinfo: the consent sheet, with its signed ticket. */
  | { kind: 'consent'; account: AccountRow; user: FollowerUserRow; request: AuthorizeRequest; ticket: string }
  /**
   * `snapshot`: the code is a snapshot-page virtual account's (no consent sheet was shown);
   * `fullService` then is the authorize query behind the page's "使用完整服务" button.
   */
  | { kind: 'redirect'; location: string; code?: string; state: string; account: AccountRow; snapshot?: boolean; fullService?: string };

/** A new code: 32 URL-safe characters, as WeChat's. */
const newCode = () => randomBytes(24).toString('base64url');

/**
 * When each of the authorizations a (account, follower) started in the last minute began (10009):
 * a sliding minute, so a burst is refused whenever it falls, not only within one clock minute.
 */
const recent = new WeakMap<object, Map<string, number[]>>();

/** A suspension or an OAuth ban with an end time closes the authorization page (10004) until it ends. */
function oauthRestricted(account: AccountRow, nowMs: number): boolean {
  return restrictedAt(account.restrictions, 'account', nowMs) || restrictedAt(account.restrictions, 'oauth', nowMs);
}

function tooFrequent(services: Pick<Services, 'clock'>, key: string): boolean {
  let byKey = recent.get(services.clock);
  if (!byKey) {
    byKey = new Map();
    recent.set(services.clock, byKey);
  }
  const now = services.clock.nowMs();
  // Starts in the last 60 s (a clock moved back forgets the ones now in its future).
  const starts = (byKey.get(key) ?? []).filter((at) => at <= now && now - at < 60_000);
  if (starts.length >= AUTHORIZE_PER_MINUTE) {
    byKey.set(key, starts);
    return true;
  }
  if (!byKey.has(key) && byKey.size > 10_000) byKey.clear();
  starts.push(now);
  byKey.set(key, starts);
  return false;
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).host.slice(0, 255);
  } catch {
    return '';
  }
}

async function refuse(services: Pick<Services, 'db' | 'clock'>, errcode: AuthorizeErrcode, account: AccountRow | undefined, rest: { userId?: string; scope?: string; redirectUri?: string } = {}): Promise<AuthorizeOutcome> {
  if (account) {
    await insertGrant(services.db, {
      accountId: account.id,
      userId: rest.userId ?? null,
      scope: (rest.scope ?? '').slice(0, 32),
      result: 'refused',
      errcode: String(errcode),
      redirectHost: hostOf(rest.redirectUri ?? ''),
      at: services.clock.now(),
    });
  }
  return { kind: 'error', errcode, account };
}

/** Mints the code and records the grant; the redirect the browser follows (a snapshot's with its full-service query). */
async function grant(
  services: Pick<Services, 'db' | 'clock'>,
  account: AccountRow,
  userId: string,
  scope: Scope,
  redirectUri: string,
  state: string,
  result: 'silent' | 'allowed' | 'snapshot',
  opts: { follow?: { openid: string }; fullService?: string } = {},
): Promise<AuthorizeOutcome> {
  const now = services.clock.now();
  const code = newCode();
  const snapshot = result === 'snapshot';
  const codeRow = (openid: string) => ({ code, accountId: account.id, userId, openid, scope, snapshot, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
  const grantRow = (openid: string) => ({ accountId: account.id, userId, openid, scope, result, redirectHost: hostOf(redirectUri), at: now });
  // A snapshot page's virtual account is no follow: the follower's real openid is not made.
  const known = snapshot ? virtualIds(account.id, userId).openid : opts.follow?.openid;
  if (known) {
    // The common case: the openid is known, code and grant go in one statement.
    await insertCodeAndGrant(services.db, codeRow(known), grantRow(known));
  } else {
    // A user who never followed gets their openid now, with the code and grant.
    await services.db.transaction(async (tx) => {
      const { openid } = await ensureOpenid(tx, account, userId, now);
      await insertCodeAndGrant(tx, codeRow(openid), grantRow(openid));
    });
  }
  return { kind: 'redirect', location: redirectTarget(redirectUri, { code, state }), code, state, account, ...(snapshot ? { snapshot, fullService: opts.fullService } : {}) };
}

/**
 * connect/oauth2/authorize (reference §11, commerce §2.2) for the follower signed in on this
 * browser (`user`, their row; undefined when nobody is). Checks in order: the query (10012, 10016, 10011,
 * 10010, 10005, 10013), the account (10016 unknown appid, 10004 banned, 10005 no web
 * authorization for its type: the capability table), the redirect_uri against the account's web
 * authorization domains (10003), then the follower (10009 too many in a minute). Then
 * `authorizeMode`: snsapi_base redirects at once with a code; snsapi_userinfo asks for consent,
 * except for a follower who came from the account's chat or menu (silent) and a non-follower in
 * snapshot-page mode (a virtual account's code, no sheet; with `full_service=1`, the sheet).
 */
export async function startAuthorization(
  services: Pick<Services, 'db' | 'clock' | 'config' | 'keys'>,
  query: Record<string, string | undefined>,
  user: FollowerUserRow | undefined,
  origin: Origin = 'other',
): Promise<AuthorizeOutcome> {
  const userId = user?.id;
  const parsed = parseAuthorize(query);
  if ('errcode' in parsed) {
    // A malformed appid never reaches the database; a well-formed one names the account to log against.
    if (parsed.errcode === 10012 || parsed.errcode === 10016) return refuse(services, parsed.errcode, undefined);
    const account = await findAccountByAppid(services.db, query.appid ?? '');
    if (!account) return refuse(services, 10016, undefined);
    return refuse(services, parsed.errcode, account, { userId, scope: query.scope, redirectUri: query.redirect_uri });
  }
  const account = await findAccountByAppid(services.db, parsed.appid);
  if (!account) return refuse(services, 10016, undefined);
  const ctx = { userId, scope: parsed.scope, redirectUri: parsed.redirectUri };
  if (account.status === 'banned' || oauthRestricted(account, services.clock.nowMs())) return refuse(services, 10004, account, ctx);
  if (!can(account, 'oauth')) return refuse(services, 10005, account, ctx);
  const { domains, strictDomains } = await oauthDomainsOf(services.db, account.id);
  const matched = matchUrl(parsed.redirectUri, domains, domainRulesFor(services.config.mode, { strictDomains }));
  if (!matched.ok) return refuse(services, 10003, account, ctx);
  if (!user) return { kind: 'signin', account };
  if (tooFrequent(services, `${account.id}:${user.id}`)) return refuse(services, 10009, account, ctx);

  // The follow (if any) decides the mode and gives the openid the code is for.
  const follow = await findFollow(services.db, account.id, user.id);
  if (parsed.scope === 'snsapi_userinfo') {
    const fullService = query[FULL_SERVICE_PARAM] === '1';
    const mode = authorizeMode(parsed.scope, origin, follow?.subscribed === true, services.config.webAuth?.snapshotFrom ?? DEFAULT_SNAPSHOT_FROM, fullService);
    if (mode === 'snapshot') return grant(services, account, user.id, parsed.scope, parsed.redirectUri, parsed.state, 'snapshot', { fullService: fullServiceQuery(parsed) });
    if (mode === 'consent') {
      const ticket = await signConsent(services, {
        accountId: account.id,
        userId: user.id,
        scope: parsed.scope,
        redirectUri: parsed.redirectUri,
        state: parsed.state,
        expiresMs: services.clock.nowMs() + CONSENT_TTL_MS,
      });
      return { kind: 'consent', account, user, request: parsed, ticket };
    }
  }
  return grant(services, account, user.id, parsed.scope, parsed.redirectUri, parsed.state, 'silent', { follow });
}

/**
 * The follower's answer on the consent sheet. Allow: a code, as after a silent authorization.
 * Deny: back to redirect_uri with only `state`. A ticket that is forged, expired, or not this
 * follower's is refused (undefined).
 */
export async function answerConsent(
  services: Pick<Services, 'db' | 'clock' | 'config' | 'keys'>,
  ticket: unknown,
  userId: string | undefined,
  allow: boolean,
): Promise<AuthorizeOutcome | undefined> {
  const claims = await readConsent(services, ticket);
  if (!claims || !userId || claims.userId !== userId) return undefined;
  const account = await findAccountById(services.db, claims.accountId);
  if (!account) return undefined;
  if (account.status === 'banned' || oauthRestricted(account, services.clock.nowMs())) return refuse(services, 10004, account, claims);
  if (!allow) {
    await insertGrant(services.db, { accountId: account.id, userId, scope: claims.scope, result: 'denied', redirectHost: hostOf(claims.redirectUri), at: services.clock.now() });
    return { kind: 'redirect', location: redirectTarget(claims.redirectUri, { state: claims.state }), state: claims.state, account };
  }
  return grant(services, account, userId, claims.scope, claims.redirectUri, claims.state, 'allowed');
}
