import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { DomainError } from '../platform/errors.js';
import { registerAccountRoutes } from '../modules/accounts/console/accountRoutes.js';
import { registerAuthRoutes } from '../modules/operators/console.js';
import { registerDeliveryRoutes } from '../modules/callbacks/console.js';
import { registerDeveloperRoutes } from '../modules/accounts/console/developerRoutes.js';
import { registerMenuRoutes } from '../modules/menus/console/menuRoutes.js';
import { registerMaterialRoutes } from '../modules/media/console/materialRoutes.js';
import { registerArticleRoutes } from '../modules/articles/console/articleRoutes.js';
import { registerAutoReplyRoutes } from '../modules/autoreplies/console/autoReplyRoutes.js';
import { registerFollowerRoutes } from '../modules/followers/console/followerRoutes.js';
import { registerInboxKfRoutes } from '../modules/kf/console/inboxKfRoutes.js';
import { registerInboxRoutes } from '../modules/kf/console/inboxRoutes.js';
import { registerInboxMessageRoutes } from '../modules/kf/console/inboxMessageRoutes.js';
import { registerModerationRoutes } from '../modules/moderation/console.js';
import { registerBroadcastRoutes } from '../modules/broadcasts/console/broadcastRoutes.js';
import { registerRevenueRoutes } from '../modules/revenue/console.js';
import { registerCommentRoutes } from '../modules/reader/console.js';
import { CONSOLE_BODY_LIMIT, consoleErrorHandler } from '../surfaces/console/kit.js';
import { LoginThrottle } from '../platform/http/loginThrottle.js';

/** The console's JSON API under /console/api (operators, session cookies, CSRF). */
export async function registerConsole(app: FastifyInstance, services: Services): Promise<void> {
  const attempts = new LoginThrottle(services.clock);
  await app.register(
    async (api) => {
      // Bodies stay raw bytes (as everywhere in Herald), capped far below the global limit.
      api.removeAllContentTypeParsers();
      api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CONSOLE_BODY_LIMIT }, (_req, body, done) => done(null, body));
      api.setErrorHandler(consoleErrorHandler(services));

      registerAuthRoutes(api, services, attempts);
      registerAccountRoutes(api, services);
      registerDeveloperRoutes(api, services);
      registerDeliveryRoutes(api, services);
      registerMenuRoutes(api, services);
      registerMaterialRoutes(api, services);
      registerArticleRoutes(api, services);
      registerAutoReplyRoutes(api, services);
      registerFollowerRoutes(api, services);
      registerInboxKfRoutes(api, services);
      registerInboxRoutes(api, services);
      registerInboxMessageRoutes(api, services);
      registerModerationRoutes(api, services);
      registerBroadcastRoutes(api, services);
      registerRevenueRoutes(api, services);
      registerCommentRoutes(api, services);

      // Without this, unknown API paths would fall through to the web app's /console/* page.
      api.all('/*', async (request) => {
        throw new DomainError('not_found', `No console API at ${request.method} ${request.url.split('?')[0]}`);
      });
    },
    { prefix: '/console/api' },
  );
}
