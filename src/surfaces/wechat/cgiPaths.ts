/**
 * Rules for the `cgi_path` the quota APIs take (openapi/quota/get and /clear; reference §1).
 * Pure: no I/O.
 */
import type { Capability } from '../../modules/accounts/rules/capabilities.js';

/** Longest cgi_path accepted; real paths are well under 100 characters. */
const MAX_CGI_PATH = 256;

/**
 * Whether a cgi_path is well formed: the path alone, starting with `/`, without the
 * `https://api.weixin.qq.com` prefix, query string, spaces or control characters. WeChat answers
 * 76003 for a path that is not.
 */
export function isWellFormedCgiPath(p: unknown): p is string {
  return (
    typeof p === 'string' &&
    p.length > 1 &&
    p.length <= MAX_CGI_PATH &&
    /^\/[A-Za-z0-9_\-./]+$/.test(p) &&
    !p.includes('//') &&
    !p.split('/').some((seg) => seg === '.' || seg === '..')
  );
}

/** OAuth (`/sns/...`) APIs have no per-account quota; WeChat answers 76022 for them. */
export function isSnsPath(p: string): boolean {
  return p.startsWith('/sns/');
}

/**
 * The capability group of every API with a documented daily quota (domain/quotas.ts), for quota
 * lookups of APIs this build may not serve. An API that is registered carries its own capability,
 * which takes precedence.
 */
export const QUOTA_PATH_CAPABILITIES: Record<string, Capability> = {
  '/cgi-bin/token': 'basic',
  '/cgi-bin/stable_token': 'basic',
  '/cgi-bin/getcallbackip': 'basic',
  '/cgi-bin/get_api_domain_ip': 'basic',
  '/cgi-bin/callback/check': 'basic',
  '/cgi-bin/openapi/quota/get': 'basic',
  '/cgi-bin/openapi/rid/get': 'basic',
  '/cgi-bin/menu/create': 'menu',
  '/cgi-bin/menu/get': 'menu',
  '/cgi-bin/menu/delete': 'menu',
  '/cgi-bin/get_current_selfmenu_info': 'menu',
  '/cgi-bin/menu/addconditional': 'menu_conditional',
  '/cgi-bin/menu/delconditional': 'menu_conditional',
  '/cgi-bin/menu/trymatch': 'menu_conditional',
  '/cgi-bin/media/upload': 'material',
  '/cgi-bin/media/get': 'material',
  '/cgi-bin/message/custom/send': 'kf',
  '/cgi-bin/message/custom/typing': 'kf',
  '/cgi-bin/message/mass/sendall': 'mass_tag',
  '/cgi-bin/message/mass/send': 'mass_openid',
  '/cgi-bin/media/uploadnews': 'mass_tag',
  '/cgi-bin/message/mass/delete': 'mass_tag',
  '/cgi-bin/qrcode/create': 'qrcode',
  '/cgi-bin/user/get': 'user',
  '/cgi-bin/user/info': 'user',
  '/cgi-bin/user/info/batchget': 'user',
  '/cgi-bin/user/info/updateremark': 'user',
  '/cgi-bin/message/template/send': 'template',
  '/cgi-bin/draft/add': 'material',
  '/cgi-bin/draft/delete': 'material',
  '/cgi-bin/draft/update': 'material',
  '/cgi-bin/draft/count': 'material',
  '/cgi-bin/draft/batchget': 'material',
  '/cgi-bin/draft/get': 'material',
  '/cgi-bin/freepublish/submit': 'material',
  '/cgi-bin/freepublish/get': 'material',
  '/cgi-bin/freepublish/getarticle': 'material',
  '/cgi-bin/freepublish/batchget': 'material',
  '/cgi-bin/freepublish/delete': 'material',
};
