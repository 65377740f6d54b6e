import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { changeOpenids } from './commands/openidChanger.js';

const changeBody = z.object({ from_appid: z.unknown().optional(), openid_list: z.unknown().optional() });

/** changeopenid (reference §7): B converts the openids it stored for A's followers after a migration. */
export function registerLifecycleWechatRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/changeopenid',
    methods: ['POST'],
    auth: 'token',
    schema: changeBody,
    async handler({ account, body }) {
      return { errcode: 0, errmsg: 'ok', result_list: await changeOpenids(services.db, account.id, body.from_appid, body.openid_list) };
    },
  });
}
