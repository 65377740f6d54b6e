import { BROWSE_PREFIX } from '../../webauth/rules/browse.js';

/**
 * What the in-app browser's proxy does to a developer's answer besides passing it on: the
 * bridge script first in the page, cookies scoped to the page's proxy path, Herald's own
 * cookies kept from the developer's server. Pure.
 */

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Puts `<script src=bridge>` first: after `<head ...>`, else after `<html ...>`, else after the
 * doctype (never before it: that would switch the page to quirks mode), else at the start. On a
 * snapshot page (快照页) the tag carries the address behind the "使用完整服务" bar, which the bridge
 * passes to the phone.
 */
export function injectBridge(html: string, bridgePath: string, fullService?: string): string {
  const tag = `<script src="${bridgePath}"${fullService ? ` data-herald-full-service="${escapeAttr(fullService)}"` : ''}></script>`;
  for (const re of [/<head(\s[^>]*)?>/i, /<html(\s[^>]*)?>/i, /^\s*<!doctype[^>]*>/i]) {
    const m = re.exec(html);
    if (m) return html.slice(0, m.index + m[0].length) + tag + html.slice(m.index + m[0].length);
  }
  return tag + html;
}

/** The browser's cookies the developer's server may see: all but Herald's own (`herald_*`). */
export function forwardedCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const kept = header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '' && !/^herald_/i.test(c));
  const out = kept.join('; ');
  return out === '' ? undefined : out.slice(0, 8192);
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;

/**
 * A Set-Cookie of the developer's page as Herald's origin keeps it: under the page's proxy path
 * (`/h5/<scheme>/<host>` + its Path), host-only (Domain dropped), Secure dropped when Herald is
 * plain http; Herald's own cookie names are refused (undefined).
 */
export function cookieFor(setCookie: string, page: URL, secureHerald: boolean): string | undefined {
  if (setCookie.length > 8192) return undefined;
  const [pair, ...attrs] = setCookie.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  if (!COOKIE_NAME.test(name) || /^herald_/i.test(name) || /^__Host-/i.test(name)) return undefined;
  let path = '/';
  const kept: string[] = [];
  for (const raw of attrs) {
    const a = raw.trim();
    const [k, ...v] = a.split('=');
    const key = k.trim().toLowerCase();
    const value = v.join('=').trim();
    if (key === 'path') path = value.startsWith('/') ? value : '/';
    else if (key === 'domain') continue;
    else if (key === 'secure') {
      if (secureHerald) kept.push('Secure');
    } else if (key === 'expires' || key === 'max-age' || key === 'samesite' || key === 'httponly') kept.push(a);
  }
  const prefix = `${BROWSE_PREFIX}${page.protocol.slice(0, -1)}/${page.host}`;
  return [pair.trim(), `Path=${prefix}${path === '/' ? '' : path}`, ...kept].join('; ');
}

/** Why the proxy could not show a page. */
export type ProxyProblem = 'signin' | 'bad_url' | 'not_allowed' | 'unreachable' | 'timeout' | 'too_large' | 'bad_redirect';

const PROBLEM_TEXT: Record<ProxyProblem, [string, string]> = {
  signin: ['请在 Herald 手机中打开此网页', 'Open this page in the Herald phone'],
  bad_url: ['无法打开此网页：地址无效', 'This page cannot be opened: the address is not valid'],
  not_allowed: ['无法打开此网页：不允许访问该地址', 'This page cannot be opened: the address is not allowed'],
  unreachable: ['无法打开此网页：网页无法访问', 'This page cannot be opened: the server could not be reached'],
  timeout: ['无法打开此网页：连接超时', 'This page cannot be opened: the server did not answer in time'],
  too_large: ['无法打开此网页：网页过大', 'This page cannot be opened: the page is too large'],
  bad_redirect: ['无法打开此网页：跳转地址无效', 'This page cannot be opened: it redirects to an address that is not allowed'],
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page shown in place of one the proxy could not fetch (both languages, like WeChat's own). */
export function proxyProblemPage(what: ProxyProblem, detail: string): string {
  const [zh, en] = PROBLEM_TEXT[what];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(zh)}</title></head><body style="font-family:system-ui,sans-serif;padding:48px 24px;text-align:center;color:#333"><h1 style="font-size:18px" data-problem="${what}">${escapeHtml(zh)}</h1><p lang="en">${escapeHtml(en)}</p>${detail ? `<p style="color:#666;font-size:13px">${escapeHtml(detail.slice(0, 300))}</p>` : ''}</body></html>`;
}
