/**
 * Mini program links (commerce reference §1.3). WeChat serves these to third-party platforms
 * for the accounts they manage; Herald serves them with the account's own access_token. No
 * Node SDK in node_modules calls them (WxJava does).
 */
import type { ApiEntry } from './types.js';

export const MINIPROGRAMS_APIS: ApiEntry[] = [
  { path: '/cgi-bin/wxopen/wxamplinkget', section: 'commerce', capability: 'miniprogram_link', status: 'implemented', sdks: [], summary: 'the linked mini programs and pending link requests (status 1, 2, 3, 12)' },
  { path: '/cgi-bin/wxopen/wxamplink', section: 'commerce', capability: 'miniprogram_link', status: 'implemented', sdks: [], summary: 'ask to link a mini program (both admins confirm; show_profile, notify_users)' },
  { path: '/cgi-bin/wxopen/wxampunlink', section: 'commerce', capability: 'miniprogram_link', status: 'implemented', sdks: [], summary: 'ask to unlink a mini program (the account\'s admin confirms)' },
];
