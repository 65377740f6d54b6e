import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import { accountHome } from './home.js';

/** An account's home (首页): figures, quota, notices and recent posts gathered from the modules that own them. */
export function registerHomeRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/home',
    action: 'account.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return { home: await accountHome(services, account) };
    },
  });
}
