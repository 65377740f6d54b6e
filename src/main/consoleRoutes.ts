import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { DomainError } from '../platform/errors.js';
import { registerConsoleClockRoutes } from '../surfaces/console/clockRoutes.js';
import { CONSOLE_BODY_LIMIT, consoleErrorHandler } from '../surfaces/console/kit.js';
import { LoginThrottle } from '../platform/http/loginThrottle.js';
import { routesFor } from './modules.js';

/** The console's JSON API under /console/api (operators, session cookies, CSRF). */
export async function registerConsole(app: FastifyInstance, services: Services): Promise<void> {
  const attempts = new LoginThrottle(services.clock);
  await app.register(
    async (api) => {
      // Bodies stay raw bytes (as everywhere in Herald), capped far below the global limit.
      api.removeAllContentTypeParsers();
      api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CONSOLE_BODY_LIMIT }, (_req, body, done) => done(null, body));
      api.setErrorHandler(consoleErrorHandler(services));

      for (const register of routesFor('console')) await register(api, services, { attempts });
      // The emulator's clock (a platform control, no module's): the top bar's time travel.
      registerConsoleClockRoutes(api, services);

      // Without this, unknown API paths would fall through to the web app's /console/* page.
      api.all('/*', async (request) => {
        throw new DomainError('not_found', `No console API at ${request.method} ${request.url.split('?')[0]}`);
      });
    },
    { prefix: '/console/api' },
  );
}
