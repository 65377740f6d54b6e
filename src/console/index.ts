import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { DomainError } from '../errors.js';
import { registerAccountRoutes } from './accountRoutes.js';
import { registerAuthRoutes } from './authRoutes.js';
import { registerDeliveryRoutes } from './deliveryRoutes.js';
import { registerDeveloperRoutes } from './developerRoutes.js';
import { registerMenuRoutes } from './menuRoutes.js';
import { registerMaterialRoutes } from './materialRoutes.js';
import { registerArticleRoutes } from './articleRoutes.js';
import { registerAutoReplyRoutes } from './autoReplyRoutes.js';
import { registerFollowerRoutes } from './followerRoutes.js';
import { registerInboxKfRoutes } from './inboxKfRoutes.js';
import { registerInboxRoutes } from './inboxRoutes.js';
import { registerInboxMessageRoutes } from './inboxMessageRoutes.js';
import { registerModerationRoutes } from './moderationRoutes.js';
import { registerBroadcastRoutes } from './broadcastRoutes.js';
import { registerRevenueRoutes } from './revenueRoutes.js';
import { CONSOLE_BODY_LIMIT, consoleErrorHandler } from './kit.js';
import { LoginThrottle } from './loginThrottle.js';

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
