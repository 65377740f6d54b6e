/**
 * The in-app browser's addresses (docs/WEB-APPS.md, "The in-app browser"). The phone shows a
 * developer's page through Herald's same-origin proxy at `/h5/<scheme>/<host[:port]><path>?<query>`,
 * so the page and the phone can talk and WeChat's own addresses inside the page (the jweixin
 * script, the authorize URL) reach Herald. Pure: the phone and the server both use it.
 */

/** Where proxied pages live on Herald. */
export const BROWSE_PREFIX = '/h5/';

/** The cookie that names the follower whose in-app browser asks the proxy (set with the authorize page's). */
export const BROWSE_COOKIE = 'herald_browse';

/**
 * The cookie that marks the next page the proxy serves as a snapshot page (快照页): the authorize
 * page sets it, scoped to the proxy, holding the address behind the page's "使用完整服务" (Use full
 * service) bar; the proxy hands that address to the phone through the bridge and clears it.
 */
export const SNAPSHOT_COOKIE = 'herald_snapshot';

/** How long a snapshot cookie waits for its page (the redirect is followed at once). */
export const SNAPSHOT_COOKIE_MAX_AGE_SEC = 60;

/** Whether a value is a full-service address: Herald's authorize page with a query of URL-safe characters. */
export function isFullServicePath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 4096 && /^\/connect\/oauth2\/authorize\?[A-Za-z0-9%&=._~*+-]*$/.test(value);
}

/** The longest page URL the in-app browser opens (WeChat's own limit is not published; browsers take ~2 MB). */
export const MAX_PAGE_URL = 4096;

/** Why a URL does not open in the in-app browser. */
export type BrowseRefusal = 'malformed' | 'not_http' | 'credentials' | 'too_long';

/** A URL the in-app browser may open: absolute http(s), no user:password@, at most MAX_PAGE_URL characters. */
export function checkPageUrl(raw: string): { ok: true; url: URL } | { ok: false; why: BrowseRefusal } {
  if (raw.length > MAX_PAGE_URL) return { ok: false, why: 'too_long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, why: 'malformed' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, why: 'not_http' };
  if (url.username !== '' || url.password !== '') return { ok: false, why: 'credentials' };
  return { ok: true, url };
}

/** The proxy path of a page URL (`http://127.0.0.1:3000/a?b#c` → `/h5/http/127.0.0.1:3000/a?b#c`), or undefined. */
export function browsePathOf(raw: string): string | undefined {
  const checked = checkPageUrl(raw);
  if (!checked.ok) return undefined;
  const u = checked.url;
  return `${BROWSE_PREFIX}${u.protocol.slice(0, -1)}/${u.host}${u.pathname}${u.search}${u.hash}`;
}

/**
 * The page URL a proxy path stands for (the inverse of browsePathOf), or undefined. Takes a path
 * with its query (and fragment), or a whole URL on Herald's origin.
 */
export function pageUrlOfBrowsePath(pathOrUrl: string): string | undefined {
  let rest = pathOrUrl;
  if (!rest.startsWith('/')) {
    try {
      const u = new URL(rest);
      rest = u.pathname + u.search + u.hash;
    } catch {
      return undefined;
    }
  }
  if (!rest.startsWith(BROWSE_PREFIX)) return undefined;
  const m = /^(https?)\/([^/?#]+)(.*)$/s.exec(rest.slice(BROWSE_PREFIX.length));
  if (!m) return undefined;
  const tail = m[3].startsWith('/') ? m[3] : `/${m[3]}`;
  const candidate = `${m[1]}://${m[2]}${tail}`;
  const checked = checkPageUrl(candidate);
  if (!checked.ok || checked.url.host !== m[2].toLowerCase()) return undefined;
  return candidate;
}

/** WeChat's JS-SDK script addresses (res.wx.qq.com, res2.wx.qq.com; any scheme) in a page's HTML. */
const JWEIXIN_URL = /(?:https?:)?\/\/res2?\.wx\.qq\.com\/open\/js\/jweixin-(\d+\.\d+\.\d+)\.js/g;

/** The versions of jweixin Herald serves (one script; the page's version is kept in its address). */
export const JWEIXIN_VERSIONS = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.3.2', '1.4.0', '1.5.0', '1.6.0', '1.6.2'] as const;

/**
 * The one change the proxy makes to a page: WeChat's jweixin script address becomes Herald's
 * (`/open/js/jweixin-1.6.0.js`). Unknown versions load 1.6.0.
 */
export function mapJweixinScripts(html: string): string {
  return html.replace(JWEIXIN_URL, (_all, version: string) => `/open/js/jweixin-${(JWEIXIN_VERSIONS as readonly string[]).includes(version) ? version : '1.6.0'}.js`);
}

/** WeChat's authorize page, as pages and their servers name it. */
const WECHAT_AUTHORIZE = /^https?:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize(?:\?|$)/i;

/**
 * Where a navigation inside the in-app browser goes: WeChat's or Herald's authorize URL to
 * Herald's authorize page (marked `h5=1`, so its redirect comes back through the proxy); any
 * other http(s) URL to its proxy path. Undefined for what no browser should follow
 * (`javascript:`, `data:`, credentials, oversized).
 */
export function browseTargetOf(raw: string, heraldOrigins: readonly string[]): string | undefined {
  const checked = checkPageUrl(raw);
  if (!checked.ok) return undefined;
  const u = checked.url;
  const onHerald = heraldOrigins.includes(u.origin);
  const isHeraldAuthorize = onHerald && u.pathname === '/connect/oauth2/authorize';
  if (WECHAT_AUTHORIZE.test(raw) || isHeraldAuthorize) {
    const q = new URLSearchParams(u.search);
    q.set('h5', '1');
    return `/connect/oauth2/authorize?${q.toString()}`;
  }
  if (onHerald) {
    // Already on Herald (a proxy path, a public article): stays as it is.
    return u.pathname + u.search + u.hash;
  }
  return browsePathOf(raw);
}
