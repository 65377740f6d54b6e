import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { bearerToken } from '../../surfaces/phone/auth.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { FOLLOWER_COOKIE } from './wechat/authorize.js';

/**
 * The phone's hook for pages it opens: the follower of this tab becomes the follower the authorize
 * page sees in this browser (an HttpOnly cookie scoped to /connect/oauth2, SameSite=Lax).
 */
export function registerWebSessionRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/web/session',
    body: z.object({}).strict(),
    async handler({ request, reply, user }) {
      reply.setCookie(FOLLOWER_COOKIE, bearerToken(request) as string, {
        path: '/connect/oauth2',
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.publicUrl.startsWith('https:'),
      });
      return { user_id: user.id };
    },
  });
}
