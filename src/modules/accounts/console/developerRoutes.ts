import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { resetAppSecret } from '../commands/accountRegistrar.js';
import { setIpWhitelist } from '../commands/ipWhitelistSetter.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';

const whitelistBody = z.object({
  entries: z.array(cleanText().pipe(z.string().max(100, 'An entry must be at most 100 characters.'))).max(200, 'At most 200 entries.'),
});

/** The developer settings of an account: AppSecret, IP whitelist (the callback server is the callbacks module's). */
export function registerDeveloperRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/secret/reset',
    action: 'account.secret.reset',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const secret = await resetAppSecret(services.db, account.id, services.clock.nowMs());
      services.tokens.forgetAccount(account.id);
      return { secret, secret_hint: secret.slice(-4) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/ip-whitelist',
    action: 'account.ipWhitelist.edit',
    body: whitelistBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const stored = await setIpWhitelist(services, account.id, body.entries);
      return { ip_whitelist: stored };
    },
  });
}
