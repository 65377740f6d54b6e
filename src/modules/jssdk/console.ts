import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import { listCalls, shareCounts, type JssdkCallRow } from './store.js';

const callsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** One JS-SDK call (who, when, which API, the result). */
export function presentCall(c: JssdkCallRow & { nickname: string | null }) {
  return { id: c.id, at: c.at.toISOString(), nickname: c.nickname, api: c.api, result: c.result, err_msg: c.errMsg, page: c.page };
}
export type JssdkCallView = ReturnType<typeof presentCall>;

/** The account's JS-SDK calls and its pages' share counts, shown beside its OAuth grants (the same permission). */
export function registerJssdkConsoleRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/jssdk-calls',
    action: 'webgrants.view',
    query: callsQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const rows = await listCalls(services.db, account.id, query.limit, query.before);
      return { calls: rows.map(presentCall), shares: await shareCounts(services.db, account.id) };
    },
  });
}
