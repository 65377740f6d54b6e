import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { WxError } from '../../protocol/errcodes.js';
import { DomainError } from '../../platform/errors.js';
import { sendCustomMessage } from './commands/customMessageSender.js';
import { sendTyping } from './commands/typingSender.js';

/** Bodies of these APIs are small JSON documents (a 2048-byte text at most, one article). */
const MAX_BODY = 64 * 1024;

/** Runs a messaging command and answers its refusal (details.errcode) as WeChat's errcode. */
async function wxRefusal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && typeof err.details?.errcode === 'number') {
      const at = typeof err.details.at === 'string' && err.details.at ? ` hint: [data.${err.details.at}]` : '';
      throw new WxError(err.details.errcode, at ? `${new WxError(err.details.errcode).errmsg}${at}` : undefined);
    }
    throw err;
  }
}

/**
 * Customer-service messages (reference §6): message/custom/send for every msgtype, within the
 * window a follower's action opened, and message/custom/typing.
 */
export function registerCustomMessageApis(app: FastifyInstance, services: Services): void {
  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/custom/send',
    methods: ['POST'],
    auth: 'token',
    maxBody: MAX_BODY,
    async handler(ctx) {
      const body = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : undefined;
      if (!body) throw new WxError(47001);
      await wxRefusal(() => sendCustomMessage(ctx.services, ctx.account, body));
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/custom/typing',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const body = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : undefined;
      if (!body) throw new WxError(47001);
      await wxRefusal(() => sendTyping(ctx.services, ctx.account, { touser: body.touser, command: body.command }));
      return { errcode: 0, errmsg: 'ok' };
    },
  });
}
