import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { bearerToken } from '../../surfaces/phone/auth.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { FOLLOWER_COOKIE } from './wechat/authorize.js';
import { BROWSE_COOKIE, BROWSE_PREFIX } from './rules/browse.js';

/**
 * The phone's hook for pages it opens: the follower of this tab becomes the follower the authorize
 * page sees in this browser (an HttpOnly cookie scoped to /connect/oauth2, SameSite=Lax), and the
 * follower the in-app browser's proxy serves (`herald_browse`, scoped to /h5/).
 */
export function registerWebSessionRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/web/session',
    body: z.object({}).strict(),
    async handler({ request, reply, user }) {
      const secure = services.config.publicUrl.startsWith('https:');
      reply.setCookie(FOLLOWER_COOKIE, bearerToken(request) as string, {
        path: '/connect/oauth2',
        httpOnly: true,
        sameSite: 'lax',
        secure,
      });
      // The in-app browser's proxy (platform mode) opens pages only for a signed-in follower. Its
      // pages may run sandboxed (an opaque origin), so the cookie must go with their requests.
      reply.setCookie(BROWSE_COOKIE, bearerToken(request) as string, {
        path: BROWSE_PREFIX,
        httpOnly: true,
        sameSite: secure ? 'none' : 'lax',
        secure,
      });
      return { user_id: user.id };
    },
  });
}
