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
