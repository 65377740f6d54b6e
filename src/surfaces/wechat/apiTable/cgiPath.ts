/**
 * Rules for the `cgi_path` the quota APIs take (openapi/quota/get and /clear; reference §1).
 * Pure: no I/O.
 */

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
