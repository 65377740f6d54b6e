import type { Services } from '../../../main/services.js';
import { can } from '../../accounts/rules/capabilities.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { domainRulesFor, listDomains, listValidTickets, webSettingsOf } from '../../webauth/index.js';
import { CONFIG_ERRORS, CONFIG_OK, openTagsOf } from '../rules/apis.js';
import { checkConfig, type WxConfigInput } from '../rules/config.js';
import { pageOf } from '../rules/page.js';
import { insertCall } from '../store.js';

const APPID_RE = /^wx[0-9a-f]{16}$/;

/** What the phone tells the page after wx.config, and what it keeps for the page's later calls. */
export interface ConfigVerdict {
  ok: boolean;
  errMsg: string;
  /** The jsApiList as given (the phone refuses calls outside it). */
  jsApiList: string[];
  /** The open tags of openTagList the browser draws (none unless the config succeeded). */
  openTagList: string[];
  /** The account has the JS-SDK share capability (api §13). */
  canShare: boolean;
}

/**
 * wx.config in the phone's in-app browser: the account by appId, its valid jsapi tickets, its JS
 * safe domains and domain rules, judged by `checkConfig`; the call is recorded for the console.
 * `pageUrls` are the page's own URL first, then the address the phone showed it at.
 */
export async function verifyConfig(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  userId: string,
  config: WxConfigInput & { openTagList?: readonly string[] },
  pageUrls: readonly string[],
): Promise<ConfigVerdict> {
  const now = services.clock.now();
  const account = APPID_RE.test(config.appId) ? await findAccountByAppid(services.db, config.appId) : undefined;
  const usable = account !== undefined && account.status !== 'banned';
  let jsDomains: string[] = [];
  let strict = services.config.mode !== 'emulator';
  let tickets: string[] = [];
  if (account) {
    const settings = await webSettingsOf(services, account.id);
    strict = domainRulesFor(services.config.mode, settings).strict;
    jsDomains = (await listDomains(services.db, account.id, 'jsapi')).map((d) => d.domain);
    if (usable) tickets = await listValidTickets(services.db, account.id, 'jsapi', now);
  }
  const check = checkConfig(config, { accountFound: usable, tickets, pageUrls, jsDomains, rules: { strict } });
  const errMsg = check.ok ? CONFIG_OK : CONFIG_ERRORS[check.problem];
  if (account) {
    await insertCall(services.db, { accountId: account.id, userId, api: 'config', result: check.ok ? 'ok' : 'fail', errMsg, page: pageOf(pageUrls[0] ?? ''), at: now });
  }
  return { ok: check.ok, errMsg, jsApiList: [...config.jsApiList], openTagList: check.ok ? openTagsOf(config.openTagList ?? []) : [], canShare: account !== undefined && usable && can(account, 'jssdk_share') };
}
