import { jsapiSignature } from '../../webauth/rules/signature.js';
import { matchUrl, type DomainRules } from '../../webauth/rules/domains.js';
import type { ConfigProblem } from './apis.js';

/** What a page passes to wx.config (every field as the page gave it). */
export interface WxConfigInput {
  appId: string;
  timestamp: string;
  nonceStr: string;
  signature: string;
  jsApiList: readonly string[];
}

/** What the check needs besides the page's config. */
export interface ConfigFacts {
  /** The account named by appId exists and is not banned. */
  accountFound: boolean;
  /** The account's jsapi tickets still valid by the Herald clock. */
  tickets: readonly string[];
  /** The page's URL (what WeChat sees as location.href), then any other address it was shown at. */
  pageUrls: readonly string[];
  /** The account's JS safe domains (JS接口安全域名). */
  jsDomains: readonly string[];
  rules: DomainRules;
}

/**
 * wx.config as WeChat judges it (commerce §2.3), in WeChat's order: the page's host must be on
 * the JS safe domains (`invalid url domain`; an IP or a port is refused under WeChat's rules);
 * then the signature must be sha1 over one of the account's valid tickets, the nonceStr, the
 * timestamp and the page URL without `#` (`invalid signature`; also for an unknown appId or a
 * ticket that expired). Pure.
 */
export function checkConfig(config: WxConfigInput, facts: ConfigFacts): { ok: true } | { ok: false; problem: ConfigProblem } {
  const [page] = facts.pageUrls;
  if (page === undefined || !matchUrl(page, facts.jsDomains, facts.rules).ok) return { ok: false, problem: 'domain' };
  if (!facts.accountFound) return { ok: false, problem: 'signature' };
  const wanted = config.signature.toLowerCase();
  for (const ticket of facts.tickets) {
    for (const url of facts.pageUrls) {
      if (jsapiSignature({ ticket, noncestr: config.nonceStr, timestamp: config.timestamp, url }) === wanted) return { ok: true };
    }
  }
  return { ok: false, problem: 'signature' };
}
