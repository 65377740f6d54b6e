/**
 * 支付授权目录 (payment authorization directories, reference §2.2): the URL prefixes under which
 * a page may open the JSAPI payment sheet (chooseWXPay, getBrandWCPayRequest). Up to 5 per
 * merchant; each is `http://` or `https://`, a host and a path ending in `/`. A page whose URL is
 * not under one of them fails with "当前页面的URL未注册". Pure.
 */

/** A merchant registers at most 5 directories (商户平台 → 产品中心 → 开发配置). */
export const MAX_PAY_DIRECTORIES = 5;

/** The longest directory accepted (WeChat's form takes a URL; 256 covers any sensible one). */
export const MAX_DIRECTORY_LENGTH = 256;

/** What WeChat shows when a page's URL is under no registered directory. */
export const URL_NOT_REGISTERED = '当前页面的URL未注册';

/**
 * How strictly directories and page URLs are judged: WeChat's rules (a domain name, no IP, no
 * port) in platform mode; the emulator's (localhost, IPs and ports allowed) otherwise.
 */
export interface DirectoryRules {
  strict: boolean;
}

/** Why a directory is refused (a stable code; the console words it). */
export type DirectoryProblem = 'empty' | 'too_long' | 'malformed' | 'scheme' | 'credentials' | 'query' | 'trailing_slash' | 'ip' | 'port' | 'host';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** An IP literal: dotted IPv4, or IPv6 (URL hostnames keep them bracketed). */
const isIpLiteral = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');

/**
 * Parses a directory as the merchant platform takes it and returns its canonical text (scheme
 * and host lowercased, the path as given): `https://shop.example.com/pay/`. No query, fragment or
 * user:password; the path ends with `/`.
 */
export function parseDirectory(input: string, rules: DirectoryRules): { ok: true; directory: string } | { ok: false; problem: DirectoryProblem } {
  const s = input.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  if (s.length > MAX_DIRECTORY_LENGTH) return { ok: false, problem: 'too_long' };
  if (!/^https?:\/\//i.test(s)) return { ok: false, problem: 'scheme' };
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (s.includes('?') || s.includes('#')) return { ok: false, problem: 'query' };
  if (!url.pathname.endsWith('/') || !s.endsWith('/')) return { ok: false, problem: 'trailing_slash' };
  const host = url.hostname.toLowerCase();
  if (url.port !== '' && rules.strict) return { ok: false, problem: 'port' };
  if (isIpLiteral(host)) {
    if (rules.strict) return { ok: false, problem: 'ip' };
  } else {
    const labels = host.split('.');
    if (!labels.every((l) => LABEL.test(l))) return { ok: false, problem: 'host' };
    if (rules.strict && labels.length < 2) return { ok: false, problem: 'host' };
  }
  return { ok: true, directory: `${url.protocol}//${url.host}${url.pathname}` };
}

/**
 * Whether a page URL is under a directory: the same scheme, host and port, and the page's path
 * starts with the directory's path (`https://a.com/pay/` covers `/pay/`, `/pay/index.html` and
 * `/pay/v2/cart`, not `/payment` or `/`). The query and fragment do not matter.
 */
export function pageUnderDirectory(pageUrl: string, directory: string): boolean {
  let page: URL;
  let dir: URL;
  try {
    page = new URL(pageUrl);
    dir = new URL(directory);
  } catch {
    return false;
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
  if (page.username !== '' || page.password !== '') return false;
  return page.protocol === dir.protocol && page.host === dir.host && page.pathname.startsWith(dir.pathname);
}

/**
 * Whether a page may open the payment sheet for a merchant with these directories. An empty list
 * allows every page in emulator mode (a developer can pay before configuring anything) and none
 * under WeChat's rules, where a merchant without directories cannot take JSAPI payments.
 */
export function pageAllowed(pageUrl: string, directories: readonly string[], rules: DirectoryRules): boolean {
  if (directories.length === 0) return !rules.strict;
  return directories.some((d) => pageUnderDirectory(pageUrl, d));
}
