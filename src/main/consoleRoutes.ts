import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { DomainError } from '../platform/errors.js';
import { registerAccountRoutes } from '../console/accountRoutes.js';
import { registerAuthRoutes } from '../console/authRoutes.js';
import { registerDeliveryRoutes } from '../console/deliveryRoutes.js';
import { registerDeveloperRoutes } from '../console/developerRoutes.js';
import { registerMenuRoutes } from '../console/menuRoutes.js';
import { registerMaterialRoutes } from '../console/materialRoutes.js';
import { registerArticleRoutes } from '../console/articleRoutes.js';
import { registerAutoReplyRoutes } from '../console/autoReplyRoutes.js';
import { registerFollowerRoutes } from '../console/followerRoutes.js';
import { registerInboxKfRoutes } from '../console/inboxKfRoutes.js';
import { registerInboxRoutes } from '../console/inboxRoutes.js';
import { registerInboxMessageRoutes } from '../console/inboxMessageRoutes.js';
import { registerModerationRoutes } from '../console/moderationRoutes.js';
import { registerBroadcastRoutes } from '../console/broadcastRoutes.js';
import { registerRevenueRoutes } from '../console/revenueRoutes.js';
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

      // Without this, unknown API paths would fall through to the web app's /console/* page.
      api.all('/*', async (request) => {
        throw new DomainError('not_found', `No console API at ${request.method} ${request.url.split('?')[0]}`);
      });
    },
    { prefix: '/console/api' },
  );
}
