/**
 * Daily API quotas per account (reference §1, "Daily limits"), counted per China calendar day.
 * Keys are API paths as the developer calls them.
 */
export const DAILY_LIMITS: Record<string, number> = {
  '/cgi-bin/token': 2000,
  '/cgi-bin/stable_token': 500000,
  // No documented limit: counted, but set high enough that no real use reaches it.
  '/cgi-bin/getcallbackip': 10_000_000,
  '/cgi-bin/get_api_domain_ip': 10_000_000,
  '/cgi-bin/callback/check': 10000,
  '/cgi-bin/openapi/quota/get': 10000,
  '/cgi-bin/openapi/rid/get': 10000,
  '/cgi-bin/menu/create': 1000,
  '/cgi-bin/menu/get': 10000,
  '/cgi-bin/menu/delete': 1000,
  '/cgi-bin/get_current_selfmenu_info': 10000,
  '/cgi-bin/menu/addconditional': 2000,
  '/cgi-bin/menu/delconditional': 2000,
  '/cgi-bin/menu/trymatch': 20000,
  '/cgi-bin/media/upload': 100000,
  '/cgi-bin/media/get': 200000,
  '/cgi-bin/message/custom/send': 500000,
  '/cgi-bin/message/custom/typing': 500000,
  '/cgi-bin/message/mass/sendall': 100,
  '/cgi-bin/message/mass/send': 100,
  '/cgi-bin/media/uploadnews': 10,
  '/cgi-bin/message/mass/delete': 10,
  '/cgi-bin/qrcode/create': 100000,
  '/cgi-bin/user/get': 500,
  '/cgi-bin/user/info': 5000000,
  '/cgi-bin/user/info/batchget': 5000000,
  '/cgi-bin/user/info/updateremark': 10000,
  '/cgi-bin/message/template/send': 100000,
  '/cgi-bin/draft/add': 1000,
  '/cgi-bin/draft/delete': 1000,
  '/cgi-bin/draft/update': 1000,
  '/cgi-bin/draft/count': 1000,
  '/cgi-bin/draft/batchget': 1000,
  '/cgi-bin/draft/get': 500,
  '/cgi-bin/freepublish/submit': 100,
  '/cgi-bin/freepublish/get': 100,
  '/cgi-bin/freepublish/getarticle': 100,
  '/cgi-bin/freepublish/batchget': 100,
  '/cgi-bin/freepublish/delete': 10,
};

/** The limit for an API path; APIs without a documented limit get a generous default. */
export const DEFAULT_DAILY_LIMIT = 100000;

export function dailyLimit(api: string): number {
  return DAILY_LIMITS[api] ?? DEFAULT_DAILY_LIMIT;
}

/** clear_quota may be used this many times per account per China calendar month. */
export const QUOTA_CLEARS_PER_MONTH = 10;
