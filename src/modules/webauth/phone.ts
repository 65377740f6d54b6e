import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { bearerToken } from '../../surfaces/phone/auth.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { AUTHORIZE_PATH, FOLLOWER_COOKIE, FROM_COOKIE } from './wechat/authorize.js';
import { BROWSE_COOKIE, BROWSE_PREFIX } from './rules/browse.js';
import { ORIGINS } from './rules/authorize.js';

const sessionBody = z
  .object({
    /** Where the page was opened: the account's chat or menu, Moments, or elsewhere (default). */
    from: z.enum(ORIGINS as ['chat', 'menu', 'moments', 'other']).default('other'),
    /** The account whose chat or menu it was (required with chat and menu). */
    appid: z.string().regex(/^wx[0-9a-f]{16}$/).optional(),
  })
  .strict()
  .refine((b) => (b.from !== 'chat' && b.from !== 'menu') || b.appid !== undefined, { message: 'appid is required with chat and menu', path: ['appid'] });

/**
 * The phone's hook for pages it opens: the follower of this tab becomes the follower the authorize
 * page sees in this browser (an HttpOnly cookie scoped to /connect/oauth2, SameSite=Lax), and the
 * follower the in-app browser's proxy serves (`herald_browse`, scoped to /h5/). Where the tab was
 * opened from (`herald_from`: `chat.<appid>`, `menu.<appid>`, `moments` or `other`, scoped to the
 * authorize page) decides silent and snapshot-page authorization, as WeChat's client knows it.
 */
export function registerWebSessionRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/web/session',
    body: sessionBody,
    async handler({ request, reply, user, body }) {
      const secure = services.config.publicUrl.startsWith('https:');
      reply.setCookie(FOLLOWER_COOKIE, bearerToken(request) as string, {
        path: '/connect/oauth2',
        httpOnly: true,
        sameSite: 'lax',
        secure,
      });
      reply.setCookie(FROM_COOKIE, body.appid && (body.from === 'chat' || body.from === 'menu') ? `${body.from}.${body.appid}` : body.from, {
        path: AUTHORIZE_PATH,
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
