import { domainToASCII } from 'node:url';

/**
 * ICP/PSB filing, no I/O. A website must hold an ICP filing (and a PSB filing) to be reliably
 * reachable in mainland China; a link in an article to one that has none may not open for
 * readers there. Herald keeps a list of filed domains (settings `icp.domains`) and warns about
 * links to anything else. A subdomain of a filed domain counts as filed. Domains are compared in
 * their ASCII (punycode) form, so 例子.中国 and xn--fsqu00a.xn--fiqs8s are the same domain.
 */

/** The warning shown next to an unfiled link. */
export const UNFILED_MESSAGE = 'may be unreachable for readers in mainland China';

/** Well-known mainland sites with filings (administrators extend the list). */
export const DEFAULT_ICP_DOMAINS: readonly string[] = [
  'qq.com', 'weixin.qq.com', 'mp.weixin.qq.com', 'tencent.com',
  'baidu.com', 'taobao.com', 'tmall.com', 'alipay.com', 'aliyun.com', 'jd.com',
  'weibo.com', 'sina.com.cn', '163.com', 'sohu.com', 'bilibili.com', 'douyin.com', 'zhihu.com',
  'xiaohongshu.com', 'meituan.com', 'ctrip.com', 'gov.cn', 'people.com.cn', 'xinhuanet.com',
];

/** Limits on the list an administrator edits. */
export const ICP_LIST_MAX = 2000;

/**
 * A domain as compared: lower-case ASCII (punycode for IDNs), no trailing dot, no "*." prefix;
 * null when it is not a host name (or an IP address) at all.
 */
export function normalizeDomain(input: string): string | null {
  let d = input.trim().toLowerCase();
  if (d.startsWith('*.')) d = d.slice(2);
  d = d.replace(/\.$/, '');
  if (d.length === 0 || d.length > 253 || /[\s/:?#@\\[\]]/.test(d)) return null;
  const ascii = domainToASCII(d);
  if (!ascii || ascii.length > 253) return null;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ascii)) return ascii;
  // Single-label hosts (localhost, intranet names) are allowed: Herald itself may run on one.
  const labels = ascii.split('.');
  return labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) ? ascii : null;
}

/**
 * The domain a link points at: the host of an http(s) URL in its compared form (ports and
 * credentials dropped); null for other schemes (mailto:, weixin:, javascript:), relative links
 * and anything unparsable.
 */
export function domainOf(url: string): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let host: string;
  try {
    host = new URL(trimmed).hostname;
  } catch {
    return null;
  }
  if (host.startsWith('[')) return host; // IPv6 literal: never filed unless listed as such
  return normalizeDomain(host);
}

/** Whether a domain is filed: listed itself, or a subdomain of a listed domain. */
export function isFiled(domain: string, filed: ReadonlySet<string> | readonly string[]): boolean {
  const set = filed instanceof Set ? filed : new Set(filed as readonly string[]);
  if (set.has(domain)) return true;
  for (let i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) {
    if (set.has(domain.slice(i + 1))) return true;
  }
  return false;
}

/**
 * The http(s) links whose domain is not filed, each once, in the order they appear. Links with
 * no domain (other schemes, relative links) are not checked.
 */
export function unfiledLinks(links: readonly string[], filedDomains: readonly string[]): Array<{ url: string; domain: string }> {
  const filed = new Set(filedDomains.map((d) => normalizeDomain(d)).filter((d): d is string => d !== null));
  const seen = new Set<string>();
  const out: Array<{ url: string; domain: string }> = [];
  for (const url of links) {
    const domain = domainOf(url);
    if (!domain || seen.has(url)) continue;
    seen.add(url);
    if (!isFiled(domain, filed)) out.push({ url, domain });
  }
  return out;
}

/**
 * Cleans an administrator's domain list: each normalized, duplicates removed, order kept.
 * Returns the first entry that is not a domain, or a too-long list, as a problem.
 */
export function cleanDomainList(raw: readonly string[]): { domains: string[] } | { problem: string } {
  if (raw.length > ICP_LIST_MAX) return { problem: `The list has at most ${ICP_LIST_MAX} domains.` };
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    if (r.trim() === '') continue;
    const d = normalizeDomain(r);
    if (!d) return { problem: `"${r.slice(0, 60)}" is not a domain name (write it like example.com).` };
    if (!seen.has(d)) {
      seen.add(d);
      out.push(d);
    }
  }
  return { domains: out };
}
