import { createHash } from 'node:crypto';
/**
 * The authorize URL's parameters and the page errors of connect/oauth2/authorize (reference §11,
 * commerce §2.2). Pure.
 */
export type Scope = 'snsapi_base' | 'snsapi_userinfo';
export const SCOPES: readonly Scope[] = ['snsapi_base', 'snsapi_userinfo'];

/** The page errors Herald shows, with WeChat's codes. */
export type AuthorizeErrcode = 10003 | 10004 | 10005 | 10009 | 10010 | 10011 | 10012 | 10013 | 10016;

/** A state longer than this (bytes) is refused (WeChat: `[a-zA-Z0-9]`, at most 128 bytes). */
export const MAX_STATE_BYTES = 128;
/** redirect_uri longer than this is refused before it is parsed. */
export const MAX_REDIRECT_URI = 2048;
/** How long a code lives (5 minutes). */
export const CODE_TTL_MS = 5 * 60 * 1000;
/** Web access_token lifetime (7200 s) and refresh_token lifetime (30 days). */
export const WEB_TOKEN_TTL_SEC = 7200;
export const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;
/** Authorizations one follower may start for one account per minute before 10009. */
export const AUTHORIZE_PER_MINUTE = 60;

/** The authorize request, checked. */
export interface AuthorizeRequest {
  appid: string;
  redirectUri: string;
  scope: Scope;
  state: string;
}

const APPID_RE = /^wx[0-9a-f]{16}$/;
const STATE_RE = /^[A-Za-z0-9]*$/;

/**
 * Checks the query in WeChat's order: appid (10012), redirect_uri (10011), scope (10010 empty,
 * 10005 a scope an official account cannot ask for: snsapi_login or anything else), state (10013
 * empty, or outside `[a-zA-Z0-9]`, or longer than 128 bytes). `appidKnown` says nothing yet:
 * whether the appid names an official account is decided by the caller (10016).
 */
export function parseAuthorize(q: Record<string, string | undefined>): AuthorizeRequest | { errcode: AuthorizeErrcode; detail: string } {
  const appid = q.appid ?? '';
  const redirectUri = q.redirect_uri ?? '';
  const scope = q.scope ?? '';
  const state = q.state ?? '';
  if (appid === '') return { errcode: 10012, detail: 'appid' };
  if (!APPID_RE.test(appid)) return { errcode: 10016, detail: 'appid' };
  if (redirectUri === '') return { errcode: 10011, detail: 'redirect_uri' };
  if (redirectUri.length > MAX_REDIRECT_URI) return { errcode: 10003, detail: 'redirect_uri' };
  if (scope === '') return { errcode: 10010, detail: 'scope' };
  if (!(SCOPES as readonly string[]).includes(scope)) return { errcode: 10005, detail: 'scope' };
  if (state === '' || Buffer.byteLength(state) > MAX_STATE_BYTES || !STATE_RE.test(state)) return { errcode: 10013, detail: 'state' };
  return { appid, redirectUri, scope: scope as Scope, state };
}

/** Where the browser goes after consent: redirect_uri with code and state (or only state after a denial). */
export function redirectTarget(redirectUri: string, params: { code?: string; state: string }): string {
  const url = new URL(redirectUri);
  url.hash = '';
  if (params.code !== undefined) url.searchParams.set('code', params.code);
  url.searchParams.set('state', params.state);
  return url.toString();
}

/** The 2021 rule: user info carries no gender or region any more (0 and empty strings). */
export const BLANK_PROFILE = { sex: 0, province: '', city: '', country: '' } as const;

/** The `lang` values /sns/userinfo accepts. */
export const USERINFO_LANGS = ['zh_CN', 'zh_TW', 'en'] as const;

/**
 * Where the follower opened the page from, as the in-app browser knows it: the account's chat,
 * its menu, Moments, or anywhere else (a scan, another chat's link, an article).
 */
export type Origin = 'chat' | 'menu' | 'moments' | 'other';
export const ORIGINS: readonly Origin[] = ['chat', 'menu', 'moments', 'other'];

/** The entries that open a non-follower's snsapi_userinfo page in snapshot-page mode unless configured. */
export const DEFAULT_SNAPSHOT_FROM: ReadonlyArray<'moments' | 'other'> = ['moments'];

/**
 * What an authorization does (commerce §2.2 and WeChat's 2022 snapshot-page notice):
 * - `snsapi_base`: silent.
 * - `snsapi_userinfo` for a follower who came from the account's chat or menu: silent ("对于已关注
 *   公众号的用户，如果用户从公众号的会话或者自定义菜单进入…也是静默授权").
 * - `snsapi_userinfo` for a non-follower arriving from an entry in `snapshotFrom` (Moments by
 *   default; WeChat does not publish the exact rule): snapshot-page mode, no consent sheet, a
 *   virtual account's openid, unionid and profile (`is_snapshotuser: 1`).
 * - otherwise, and when the follower asked for the full service from a snapshot page's bottom
 *   bar (`fullService`): the consent sheet.
 */
export function authorizeMode(
  scope: Scope,
  origin: Origin,
  subscribed: boolean,
  snapshotFrom: ReadonlyArray<'moments' | 'other'> = DEFAULT_SNAPSHOT_FROM,
  fullService = false,
): 'silent' | 'consent' | 'snapshot' {
  if (scope === 'snsapi_base') return 'silent';
  if (subscribed && (origin === 'chat' || origin === 'menu')) return 'silent';
  if (!fullService && !subscribed && (origin === 'moments' || origin === 'other') && snapshotFrom.includes(origin)) return 'snapshot';
  return 'consent';
}

/**
 * The authorize query parameter Herald adds (never WeChat's) when the follower taps "使用完整服务"
 * (Use full service) on a snapshot page: the same authorization, with the consent sheet instead of
 * the snapshot.
 */
export const FULL_SERVICE_PARAM = 'full_service';

/**
 * The query of the authorize URL behind a snapshot page's "使用完整服务" button: the request as it
 * came, asking for the full service. The caller prefixes the authorize path.
 */
export function fullServiceQuery(req: AuthorizeRequest): string {
  const q = new URLSearchParams({ appid: req.appid, redirect_uri: req.redirectUri, response_type: 'code', scope: req.scope, state: req.state });
  q.set(FULL_SERVICE_PARAM, '1');
  return q.toString();
}

/**
 * A snapshot-page virtual account's ids for one (account, follower): stable, 28 characters like
 * WeChat's openids, never equal to the follower's real openid or unionid.
 */
export function virtualIds(accountId: string, userId: string): { openid: string; unionid: string } {
  const h = (what: string) => createHash('sha256').update(`herald-snapshot:${what}:${accountId}:${userId}`).digest('base64url').slice(0, 27);
  return { openid: `o${h('openid')}`, unionid: `o${h('unionid')}` };
}

/**
 * What /sns/userinfo answers for a virtual account: WeChat says only that the nickname and
 * avatar are a virtual account's; Herald answers 微信用户 and no avatar (not verified).
 */
export const SNAPSHOT_PROFILE = { nickname: '微信用户', headimgurl: '' } as const;
