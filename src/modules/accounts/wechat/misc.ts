import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { formatIp, parseIp } from '../rules/ipWhitelist.js';

/** A rid as newRid() mints them: three groups of 8 hex digits. */
const RID_RE = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
/** WeChat keeps rids queryable for 7 days. */
const RID_TTL_MS = 7 * 24 * 3600 * 1000;

// openapi/rid/get's own codes (WeChat's getRidInfo page); their texts are not in the shared table.
const RID_NOT_FOUND = 76001;
const RID_MALFORMED = 76002;
const RID_OTHER_ACCOUNT = 76003;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds an address in canonical form, skipping anything that is not a concrete address. */
function addIp(out: string[], text: string | undefined): void {
  if (!text) return;
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const ip = parseIp(bare);
  if (!ip || ip.value === 0n) return; // 0.0.0.0 and :: are "every interface", not an address
  const s = formatIp(ip);
  if (!out.includes(s)) out.push(s);
}

/**
 * The addresses Herald's API is reached at, as get_api_domain_ip reports api.weixin.qq.com's:
 * loopback, the address this request arrived on, and the configured listen and public addresses
 * when they are literal addresses (names are not resolved).
 */
function apiDomainIps(services: Services, request: FastifyRequest): string[] {
  const out: string[] = [];
  addIp(out, '127.0.0.1');
  addIp(out, request.socket?.localAddress);
  addIp(out, services.config.host);
  try {
    addIp(out, new URL(services.config.publicUrl).hostname);
  } catch {
    // publicUrl is validated at boot; nothing to add if it is somehow not a URL.
  }
  return out;
}

/**
 * The WeChat query string of a logged URL: WeChat's rid/get reports `request_url` as the URL's
 * parameters (e.g. "access_token=50_Im7xxxx"), not the path.
 */
function urlParameters(loggedUrl: string): string {
  const q = loggedUrl.indexOf('?');
  return q < 0 ? '' : loggedUrl.slice(q + 1);
}

/** Server addresses and request lookup (reference §1; the callback check is the callbacks module's). */
export function registerMiscApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/getcallbackip',
    methods: ['GET'],
    auth: 'token',
    async handler(ctx) {
      return { ip_list: [...ctx.services.config.callbackIps] };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/get_api_domain_ip',
    methods: ['GET'],
    auth: 'token',
    async handler(ctx) {
      return { ip_list: apiDomainIps(ctx.services, ctx.request) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/openapi/rid/get',
    methods: ['POST'],
    auth: 'token',
    maxBody: 16 * 1024,
    async handler(ctx) {
      const body = ctx.body;
      if (!isRecord(body)) throw refusal(47001);
      const rid = body.rid;
      if (typeof rid !== 'string' || !RID_RE.test(rid)) throw refusal(RID_MALFORMED, { errmsg: 'rid is error' });
      const record = await ctx.services.requestLog.find(rid);
      if (!record || ctx.services.clock.nowMs() - record.invokedAt.getTime() > RID_TTL_MS) {
        throw refusal(RID_NOT_FOUND, { errmsg: 'rid not found' });
      }
      // Requests that named no account (an unknown appid, say) belong to nobody and are not shown.
      if (record.accountId !== ctx.account.id) throw refusal(RID_OTHER_ACCOUNT, { errmsg: 'could not query this rid,no permission' });
      return {
        errcode: 0,
        errmsg: 'ok',
        request: {
          invoke_time: Math.floor(record.invokedAt.getTime() / 1000),
          cost_in_ms: record.costMs,
          request_url: urlParameters(record.requestUrl),
          request_body: record.requestBody,
          response_body: record.responseBody,
          client_ip: record.clientIp,
        },
      };
    },
  });
}
