import type { AccountKind } from '../../accounts/rules/capabilities.js';

/**
 * Web domains of an account (commerce §2.1): web authorization (网页授权域名), JS safe (JS接口安全域名)
 * and business (业务域名) domains, and how a URL is matched against them. Pure.
 */
export type DomainKind = 'oauth' | 'jsapi' | 'business';
export const DOMAIN_KINDS: readonly DomainKind[] = ['oauth', 'jsapi', 'business'];

/** Up to 2 web authorization domains; JS safe and business domains 5 for service accounts, 3 otherwise. */
export function domainLimit(kind: DomainKind, account: Pick<AccountKind, 'type'>): number {
  if (kind === 'oauth') return 2;
  return account.type === 'service' ? 5 : 3;
}

/** A parsed domain entry: host (lowercase), port ('' without), path prefix ('' or '/mp'). */
export interface DomainEntry {
  host: string;
  port: string;
  path: string;
}

/** How strictly entries and URLs are judged: WeChat's rules, or the emulator's (ports and loopback allowed). */
export interface DomainRules {
  strict: boolean;
}

/** An IP literal: dotted IPv4, or IPv6 (anything with a colon; URL hostnames keep them bracketed). */
const isIpLiteral = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const PATH_SEGMENT = /^[A-Za-z0-9\-._~]{1,64}$/;

/** Why an entry is refused (a stable code; the console words it). */
export type DomainProblem = 'empty' | 'scheme' | 'ip' | 'port' | 'host' | 'path' | 'too_long' | 'path_not_allowed';

/**
 * Parses an entry as the MP backend takes it: a domain, not a URL (no `http://`), letters, digits
 * and `-`; optionally a path (`wx.qq.com/mp`, JS safe and business domains only). No IP and no
 * port under WeChat's rules; the emulator accepts `localhost`, IPs and ports.
 */
export function parseDomainEntry(input: string, kind: DomainKind, rules: DomainRules): DomainEntry | { problem: DomainProblem } {
  const s = input.trim();
  if (s === '') return { problem: 'empty' };
  if (s.length > 253) return { problem: 'too_long' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return { problem: 'scheme' };
  const slash = s.indexOf('/');
  const hostPort = (slash === -1 ? s : s.slice(0, slash)).toLowerCase();
  const rawPath = slash === -1 ? '' : s.slice(slash).replace(/\/+$/, '');
  if (rawPath !== '' && kind === 'oauth') return { problem: 'path_not_allowed' };
  if (rawPath !== '' && !rawPath.slice(1).split('/').every((seg) => PATH_SEGMENT.test(seg))) return { problem: 'path' };
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!m) return { problem: 'host' };
  const host = m[1];
  const port = m[2] ?? '';
  if (port !== '') {
    if (rules.strict) return { problem: 'port' };
    const n = Number(port);
    if (n < 1 || n > 65535) return { problem: 'port' };
  }
  if (isIpLiteral(host)) {
    if (rules.strict) return { problem: 'ip' };
    return { host, port, path: rawPath };
  }
  const labels = host.split('.');
  if (!labels.every((l) => LABEL.test(l))) return { problem: 'host' };
  if (rules.strict && labels.length < 2) return { problem: 'host' };
  return { host, port, path: rawPath };
}

/** The canonical text of an entry. */
export function formatDomainEntry(e: DomainEntry): string {
  return `${e.host}${e.port ? `:${e.port}` : ''}${e.path}`;
}

/** Why a redirect_uri or page URL does not match. */
export type UrlMismatch = 'not_http' | 'credentials' | 'port' | 'ip' | 'domain' | 'malformed';

/**
 * Whether a URL (an OAuth redirect_uri, a page) is under one of the entries: http(s) only, no
 * user:password@, the host equal to an entry's host (full domain: `www.qq.com` does not cover
 * `pay.qq.com` or `qq.com`), the same port (under WeChat's rules a URL with a port never matches),
 * and under the entry's path when it has one.
 */
export function matchUrl(raw: string, entries: readonly string[], rules: DomainRules): { ok: true; url: URL } | { ok: false; why: UrlMismatch } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, why: 'malformed' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, why: 'not_http' };
  if (url.username !== '' || url.password !== '') return { ok: false, why: 'credentials' };
  if (rules.strict && url.port !== '') return { ok: false, why: 'port' };
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (rules.strict && isIpLiteral(host)) return { ok: false, why: 'ip' };
  for (const text of entries) {
    const e = parseDomainEntry(text, 'jsapi', { strict: false });
    if ('problem' in e) continue;
    if (e.host !== host || e.port !== url.port) continue;
    if (e.path !== '' && !(url.pathname === e.path || url.pathname.startsWith(`${e.path}/`))) continue;
    return { ok: true, url };
  }
  return { ok: false, why: 'domain' };
}

/** The MP_verify file name: `MP_verify_` + 16 letters and digits + `.txt`. */
export const VERIFY_FILE_RE = /^MP_verify_[A-Za-z0-9]{16}\.txt$/;

/** Where the ownership check fetches the file for an entry: the root of the host, or under the path. */
export function verifyFileUrl(entry: DomainEntry, file: string, scheme: 'http' | 'https' = 'http'): string {
  return `${scheme}://${entry.host}${entry.port ? `:${entry.port}` : ''}${entry.path}/${file}`;
}

/**
 * Saves of one kind of domain per natural month (commerce §2.1: "一个自然月内最多可修改并保存三次",
 * WeChat's backend text, not its documentation; HERALD_WEB_DOMAIN_EDITS_PER_MONTH). 0 = no limit.
 */
export const DEFAULT_DOMAIN_EDITS_PER_MONTH = 3;

/** Whether one more save is allowed, given the saves already made this natural month. */
export function editAllowed(editsThisMonth: number, perMonth: number): boolean {
  return perMonth === 0 || editsThisMonth < perMonth;
}

/** Whether a save changes anything (an unchanged list is no edit: it neither counts nor is refused). */
export function domainsChanged(before: readonly string[], after: readonly string[]): boolean {
  const a = [...before].sort();
  const b = [...after].sort();
  return a.length !== b.length || a.some((d, i) => d !== b[i]);
}
