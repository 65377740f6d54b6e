import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi, type WxContext } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { issueAccessToken, issueStableToken } from '../commands/tokenIssuer.js';

/** Form bodies on /cgi-bin/token are read only when this small (the parameters are tiny). */
const MAX_FORM_BODY = 8 * 1024;

/**
 * The /cgi-bin/token parameters. WeChat documents them in the query string of a GET; some
 * clients POST them, in the query or as a form or JSON body. The query wins when both are given.
 */
function tokenParams(ctx: WxContext): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const { rawBody, request } = ctx;
  if (request.method === 'POST' && rawBody.length > 0 && rawBody.length <= MAX_FORM_BODY) {
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    const text = rawBody.toString('utf8');
    if (type.includes('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(text)) if (!(k in params)) params[k] = v;
    } else if (type.includes('json')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
      } catch {
        // A body that is not JSON is ignored: the documented parameters are in the query.
      }
    }
  }
  return { ...params, ...ctx.query };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** force_refresh is a JSON boolean; the strings "true"/"false" are accepted too. */
function forceRefreshOf(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 'false') return false;
  if (v === true || v === 'true') return true;
  throw refusal(47001);
}

/** /cgi-bin/token and /cgi-bin/stable_token (reference §1). */
export function registerTokenApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/token',
    methods: ['GET', 'POST'],
    auth: 'none',
    body: 'raw',
    async handler(ctx) {
      const p = tokenParams(ctx);
      const issued = await issueAccessToken(ctx.services, {
        grantType: p.grant_type,
        appid: p.appid,
        secret: p.secret,
        clientIp: ctx.clientIp,
        onAccount: ctx.attribute,
      });
      return { access_token: issued.accessToken, expires_in: issued.expiresIn };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/stable_token',
    methods: ['POST'],
    auth: 'none',
    body: 'json',
    maxBody: 64 * 1024,
    async handler(ctx) {
      const body = ctx.body;
      if (!isRecord(body)) throw refusal(47001);
      const forceRefresh = forceRefreshOf(body.force_refresh);
      const issued = await issueStableToken(ctx.services, {
        grantType: body.grant_type,
        appid: body.appid,
        secret: body.secret,
        forceRefresh,
        clientIp: ctx.clientIp,
        onAccount: ctx.attribute,
      });
      return { access_token: issued.accessToken, expires_in: issued.expiresIn };
    },
  });
}
