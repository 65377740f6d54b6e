import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../main/services.js';
import { OutboundError, sendOutbound } from '../../../protocol/outbound.js';
import { verifyPhoneToken } from '../../../surfaces/phone/token.js';
import { BROWSE_COOKIE, BROWSE_PREFIX, browseTargetOf, isFullServicePath, mapJweixinScripts, pageUrlOfBrowsePath, SNAPSHOT_COOKIE } from '../../webauth/rules/browse.js';
import { cookieFor, forwardedCookies, injectBridge, proxyProblemPage, type ProxyProblem } from '../rules/proxy.js';
import { BRIDGE_PATH } from './scripts.js';

/** How long a developer's server has to answer one request of the in-app browser. */
const PAGE_TIMEOUT_MS = 15_000;
/** The largest answer the proxy passes on (a page, a script, a picture). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/** The largest form the page may post through the proxy. */
const MAX_FORM_BYTES = 1024 * 1024;
/** WeChat's in-app browser on an iPhone, as a developer's server sees it. */
export const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47.2560(0x28002F35) NetType/WIFI Language/zh_CN';

/** Answer headers passed on as they came. */
const PASSED = ['content-type', 'cache-control', 'etag', 'last-modified', 'content-language'];

/**
 * In platform mode a proxied page runs in a sandbox with an opaque origin: it can script itself
 * and talk to the phone, but never reach Herald's console or another page's data.
 */
const PLATFORM_SANDBOX = 'sandbox allow-scripts allow-forms allow-popups allow-modals';

function problem(reply: FastifyReply, status: number, what: ProxyProblem, detail = ''): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(proxyProblemPage(what, detail));
}

/** Herald's own origins: the public URL and the one this request came to. */
function heraldOrigins(services: Services, request: FastifyRequest): string[] {
  const out = [new URL(services.config.publicUrl).origin];
  const host = request.headers.host;
  if (typeof host === 'string' && /^[A-Za-z0-9.\-:[\]]{1,300}$/.test(host)) out.push(`${request.protocol}://${host}`);
  return out;
}

/**
 * The in-app browser's proxy (docs/WEB-APPS.md, "The in-app browser"): `GET|POST
 * /h5/<scheme>/<host><path>?<query>` fetches the developer's page through the outbound policy
 * (emulator mode admits loopback; platform mode refuses private addresses), passes the answer
 * on with the bridge script first in the page and WeChat's jweixin address mapped to Herald's.
 * Redirects stay in the browser (WeChat's authorize URL goes to Herald's authorize page);
 * cookies the page sets are scoped to its own proxy path.
 */
export function registerProxyRoutes(app: FastifyInstance, services: Services): void {
  app.route({
    method: ['GET', 'POST'],
    url: `${BROWSE_PREFIX}*`,
    bodyLimit: MAX_FORM_BYTES,
    async handler(request, reply) {
      const target = pageUrlOfBrowsePath(request.url);
      if (!target) return problem(reply, 400, 'bad_url');
      // In platform mode Herald is no open proxy: only a signed-in follower's browser uses it.
      if (services.config.mode !== 'emulator') {
        const token = request.cookies?.[BROWSE_COOKIE];
        const userId = token && token.length <= 512 ? await verifyPhoneToken(services, token) : undefined;
        if (!userId) return problem(reply, 401, 'signin');
      }
      const targetUrl = new URL(target);
      const secureHerald = services.config.publicUrl.startsWith('https:');
      const headers: Record<string, string> = { 'user-agent': WECHAT_UA };
      const accept = request.headers.accept;
      if (typeof accept === 'string') headers.accept = accept.slice(0, 1000);
      const lang = request.headers['accept-language'];
      headers['accept-language'] = typeof lang === 'string' ? lang.slice(0, 200) : 'zh-CN,zh;q=0.9';
      const cookie = forwardedCookies(request.headers.cookie);
      if (cookie) headers.cookie = cookie;
      const referer = typeof request.headers.referer === 'string' ? pageUrlOfBrowsePath(request.headers.referer) : undefined;
      if (referer) headers.referer = referer;
      let body: Buffer | undefined;
      if (request.method === 'POST') {
        body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const type = request.headers['content-type'];
        if (typeof type === 'string') headers['content-type'] = type.slice(0, 200);
      }
      let res;
      try {
        res = await sendOutbound({ method: request.method === 'POST' ? 'POST' : 'GET', url: target, headers, body, timeoutMs: PAGE_TIMEOUT_MS, maxResponseBytes: MAX_ANSWER_BYTES, guard: services.outbound });
      } catch (err) {
        if (!(err instanceof OutboundError)) throw err;
        return problem(reply, err.kind === 'refused' ? 403 : 502, err.kind === 'refused' ? 'not_allowed' : err.kind === 'timeout' ? 'timeout' : 'unreachable', err.message);
      }
      if (res.truncated) return problem(reply, 502, 'too_large');

      const setCookie = res.headers['set-cookie'];
      for (const c of setCookie ?? []) {
        const scoped = cookieFor(c, targetUrl, secureHerald);
        if (scoped) reply.header('set-cookie', scoped);
      }
      reply.header('x-content-type-options', 'nosniff').header('x-frame-options', 'SAMEORIGIN').header('referrer-policy', 'same-origin');
      if (services.config.mode !== 'emulator') reply.header('content-security-policy', PLATFORM_SANDBOX);

      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
        let resolved: string;
        try {
          resolved = new URL(location, target).toString();
        } catch {
          return problem(reply, 502, 'bad_redirect');
        }
        const mapped = browseTargetOf(resolved, heraldOrigins(services, request));
        if (!mapped) return problem(reply, 502, 'bad_redirect');
        return reply.code(res.status).header('location', mapped).header('cache-control', 'no-store').send();
      }

      for (const name of PASSED) {
        const v = res.headers[name];
        if (typeof v === 'string') reply.header(name, v);
      }
      const type = String(res.headers['content-type'] ?? '');
      if (/^text\/html/i.test(type) || (type === '' && /^\s*</.test(res.body))) {
        if (type === '') reply.header('content-type', 'text/html; charset=utf-8');
        // The page an authorization in snapshot-page mode led to: shown with the "使用完整服务" bar, once.
        const snapshot = request.cookies?.[SNAPSHOT_COOKIE];
        if (snapshot !== undefined) reply.clearCookie(SNAPSHOT_COOKIE, { path: BROWSE_PREFIX, httpOnly: true, sameSite: secureHerald ? 'none' : 'lax', secure: secureHerald });
        return reply.code(res.status).send(injectBridge(mapJweixinScripts(res.body), BRIDGE_PATH, isFullServicePath(snapshot) ? snapshot : undefined));
      }
      return reply.code(res.status).send(res.bytes);
    },
  });
}
