import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { DomainError } from '../platform/errors.js';
import { LoginThrottle } from '../platform/http/loginThrottle.js';
import { routesFor } from './modules.js';
import { PHONE_BODY_LIMIT, phoneErrorHandler } from '../surfaces/phone/kit.js';

/**
 * The phone page's JSON API under /phone/api: a follower's view of WeChat (chats, the
 * Subscriptions folder, search, profiles, conversations, menus, scanning). Each request carries
 * `Authorization: Bearer <phone token>`, so every browser tab can be a different follower.
 */
export async function registerPhone(app: FastifyInstance, services: Services): Promise<void> {
  const attempts = new LoginThrottle(services.clock);
  await app.register(
    async (api) => {
      // Bodies stay raw bytes, as everywhere in Herald; each route caps its own size (bodyLimit).
      api.removeAllContentTypeParsers();
      api.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      api.setErrorHandler(phoneErrorHandler(services));

      for (const register of routesFor('phone')) await register(api, services, { attempts });

      // Without this, unknown API paths would fall through to the web app's /phone/* page.
      api.all('/*', { bodyLimit: PHONE_BODY_LIMIT }, async (request) => {
        throw new DomainError('not_found', `No phone API at ${request.method} ${request.url.split('?')[0].slice(0, 200)}`);
      });
    },
    { prefix: '/phone/api' },
  );
}
