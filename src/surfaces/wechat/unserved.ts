/**
 * What a path under WeChat's API prefixes answers when Herald serves no API there: WeChat's own
 * refusal, HTTP 200 with `{"errcode":48001,"errmsg":"api unauthorized hint: [...] rid: ..."}`,
 * the hint naming the path and docs/COMPATIBILITY.md. A 404 or a non-WeChat body is read as
 * success by some SDKs (wechat-api) and as an error without an errcode by others.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../main/services.js';
import { ERRMSG } from '../../protocol/errcodes.js';
import { newRid } from '../../protocol/rid.js';
import { JSON_CONTENT_TYPE, redactUrl } from './kit.js';

/**
 * The first path segments of WeChat's API hosts: the reference's (§0) and those the SDKs in
 * node_modules call on api.weixin.qq.com.
 */
export const WECHAT_API_PREFIXES = [
  '/cgi-bin', '/sns', '/customservice', '/datacube', '/wxaapi', '/wxa', '/card', '/merchant', '/channels',
  '/semantic', '/shakearound', '/tcb', '/product', '/wxopen', '/device', '/payfeedback', '/bizwifi', '/poi',
] as const;

const UNSERVED_ERRCODE = 48001;
/** How much of the path the hint repeats. */
const HINT_PATH_LIMIT = 120;

/** Whether a request URL (path and query) is under one of WeChat's API prefixes. */
export function isWechatApiPath(url: string): boolean {
  const path = url.split('?')[0];
  return WECHAT_API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** The errmsg of an unserved path (without the rid). */
export function unservedErrmsg(url: string): string {
  const raw = url.split('?')[0];
  const path = raw.length > HINT_PATH_LIMIT ? `${raw.slice(0, HINT_PATH_LIMIT)}…` : raw;
  // Only characters a URL path carries unencoded reach the hint (the path as sent, still
  // percent-encoded); anything else, markup and quotes included, becomes "?".
  const shown = path.replace(/[^A-Za-z0-9\-._~/%!$&()*+,;=:@]/g, '?');
  return `${ERRMSG[UNSERVED_ERRCODE]} hint: [${shown} is not served by Herald, see docs/COMPATIBILITY.md]`;
}

/**
 * Answers an unserved WeChat API path. With a valid access_token the request is logged for the
 * account (openapi/rid/get finds it); without one nothing is stored.
 */
export async function answerUnserved(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const started = performance.now();
  const invokedAt = services.clock.now();
  const rid = newRid(invokedAt.getTime());
  const body = JSON.stringify({ errcode: UNSERVED_ERRCODE, errmsg: `${unservedErrmsg(request.url)} rid: ${rid}` });
  reply.code(200).header('content-type', JSON_CONTENT_TYPE).header('x-herald-rid', rid).send(Buffer.from(body, 'utf8'));
  const token = new URLSearchParams(request.url.split('?')[1] ?? '').get('access_token');
  if (token && token.length <= 1024) {
    const resolved = await services.tokens.resolve(token, services.clock.nowMs()).catch(() => undefined);
    if (resolved?.state === 'valid' && resolved.account) {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      services.requestLog.record({
        rid,
        accountId: resolved.account.id,
        invokedAt,
        costMs: Math.round(performance.now() - started),
        method: request.method,
        requestUrl: redactUrl(request.url),
        requestBody: rawBody.length > 0 ? `<${rawBody.length} bytes>` : '',
        responseBody: body,
        errcode: UNSERVED_ERRCODE,
        clientIp: (request.ip ?? '').replace(/^::ffff:/, ''),
      });
    }
  }
  return reply;
}

/** Every method Fastify routes; others reach the not-found handler, which answers the same. */
const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/**
 * Registers the answer for every path under WeChat's API prefixes that no API claims (registered
 * APIs are more specific and win).
 */
export function registerUnservedApis(app: FastifyInstance, services: Services): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => answerUnserved(services, request, reply);
  for (const prefix of WECHAT_API_PREFIXES) {
    app.route({ method: [...METHODS], url: prefix, handler });
    app.route({ method: [...METHODS], url: `${prefix}/*`, handler });
  }
}
