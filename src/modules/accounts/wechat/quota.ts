import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import type { AccountRow } from '../store/accounts.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { can } from '../rules/capabilities.js';
import { isSnsPath, isWellFormedCgiPath, quotaCapability } from '../../../surfaces/wechat/apiTable/index.js';
import { clearApiQuota } from '../commands/quotaClearer.js';
import { authenticateApp } from '../commands/appAuthenticator.js';

/**
 * WeChat answers 76003 for a cgi_path that is not a bare path (with the https://api.weixin.qq.com
 * prefix, or without the leading "/"). Its English errmsg for this case is not documented; this
 * text says what is wrong.
 */
const CGI_PATH_MALFORMED = 76003;
const CGI_PATH_MALFORMED_MSG = 'invalid cgi_path, give the path only, e.g. /cgi-bin/message/custom/send';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a quota API's cgi_path for the account: 76003 malformed, 76021 unknown, 76022 not allowed. */
function cgiPathFor(body: unknown, account: AccountRow): string {
  if (!isRecord(body)) throw refusal(47001);
  const path = body.cgi_path;
  if (!isWellFormedCgiPath(path)) throw refusal(CGI_PATH_MALFORMED, { errmsg: CGI_PATH_MALFORMED_MSG });
  if (isSnsPath(path)) throw refusal(76022);
  const capability = quotaCapability(path);
  if (capability === undefined) throw refusal(76021);
  if (capability !== 'none' && !can(account, capability)) throw refusal(76022);
  return path;
}

/** Daily quota lookup and the three ways of clearing it (reference §1). */
export function registerQuotaApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/openapi/quota/get',
    methods: ['POST'],
    auth: 'token',
    maxBody: 16 * 1024,
    async handler(ctx) {
      const path = cgiPathFor(ctx.body, ctx.account);
      const quota = await ctx.services.quotas.usage(ctx.account.id, path);
      return { errcode: 0, errmsg: 'ok', quota };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/openapi/quota/clear',
    methods: ['POST'],
    auth: 'token',
    maxBody: 16 * 1024,
    async handler(ctx) {
      const path = cgiPathFor(ctx.body, ctx.account);
      await clearApiQuota(ctx.services, ctx.account.id, path);
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/clear_quota',
    methods: ['POST'],
    auth: 'token',
    maxBody: 16 * 1024,
    async handler(ctx) {
      const body = ctx.body;
      if (!isRecord(body)) throw refusal(47001);
      const appid = body.appid;
      if (appid === undefined || appid === null || appid === '') throw refusal(41002);
      // A token may clear only its own account's quota.
      if (appid !== ctx.account.appid) throw refusal(40013);
      await clearApiQuota(ctx.services, ctx.account.id);
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/clear_quota/v2',
    methods: ['POST'],
    auth: 'none',
    body: 'optional-json',
    maxBody: 16 * 1024,
    async handler(ctx) {
      // Parameters come as JSON fields; the query string is accepted too, as some clients send it.
      const body = isRecord(ctx.body) ? ctx.body : ctx.body === undefined ? {} : null;
      if (!body) throw refusal(47001);
      const appid = body.appid ?? ctx.query.appid;
      const secret = body.appsecret ?? ctx.query.appsecret;
      // The IP whitelist guards getting a token only, so it is not applied here.
      const account = await authenticateApp(ctx.services, { appid, secret }, { onAccount: ctx.attribute });
      await clearApiQuota(ctx.services, account.id);
      return { errcode: 0, errmsg: 'ok' };
    },
  });
}
