/** Auth, IPs and quota (reference §1). */
import type { ApiEntry } from './types.js';

// getcallbackip and get_api_domain_ip have no documented limit: counted, but set high enough that no
// real use reaches it. callback/check, openapi/quota/get and openapi/rid/get: Herald's limits.
export const AUTH_APIS: ApiEntry[] = [
  { path: '/cgi-bin/token', section: 1, capability: 'basic', dailyLimit: 2000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api', 'node-easywechat', 'wechat-jssdk'], summary: 'access_token from AppID + AppSecret; the previous token keeps working 5 minutes' },
  { path: '/cgi-bin/stable_token', section: 1, capability: 'basic', dailyLimit: 500_000, status: 'implemented', sdks: ['node-easywechat'], summary: 'stable access_token, isolated from /token; force_refresh 20 per day, 30 s apart' },
  { path: '/cgi-bin/getcallbackip', section: 1, capability: 'basic', dailyLimit: 10_000_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'addresses Herald pushes callbacks from (HERALD_CALLBACK_IPS)' },
  { path: '/cgi-bin/get_api_domain_ip', section: 1, capability: 'basic', dailyLimit: 10_000_000, status: 'implemented', sdks: [], summary: 'addresses Herald serves the API at' },
  { path: '/cgi-bin/callback/check', section: 1, capability: 'basic', dailyLimit: 10_000, status: 'implemented', sdks: [], summary: 'DNS and reachability of the account\'s callback server (loopback only is probed)' },
  { path: '/cgi-bin/clear_quota', section: 1, capability: 'basic', status: 'implemented', sdks: ['wechat-api'], summary: 'clears today\'s count of every API; 10 per month (48006 after)' },
  { path: '/cgi-bin/clear_quota/v2', section: 1, capability: 'none', status: 'implemented', sdks: [], summary: 'clear_quota with AppID + AppSecret instead of a token' },
  { path: '/cgi-bin/openapi/quota/get', section: 1, capability: 'basic', dailyLimit: 10_000, status: 'implemented', sdks: [], summary: 'today\'s daily_limit, used and remain for one API (China calendar day)' },
  { path: '/cgi-bin/openapi/quota/clear', section: 1, capability: 'basic', status: 'implemented', sdks: [], summary: 'clears today\'s count of one API (uses one of the 10 monthly clears)' },
  { path: '/cgi-bin/openapi/rid/get', section: 1, capability: 'basic', dailyLimit: 10_000, status: 'implemented', sdks: [], summary: 'the logged request and response behind a rid (same account, 7 days)' },
];
