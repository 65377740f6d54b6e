import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { resetAppSecret } from '../commands/accountRegistrar.js';
import { configureServer, disableServer } from '../../callbacks/index.js';
import { setIpWhitelist } from '../commands/ipWhitelistSetter.js';
import { findAccountById } from '../store/accounts.js';
import { DomainError } from '../../../platform/errors.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { presentServer } from './presenters.js';

const whitelistBody = z.object({
  entries: z.array(cleanText().pipe(z.string().max(100, 'An entry must be at most 100 characters.'))).max(200, 'At most 200 entries.'),
});

const serverBody = z.object({
  url: cleanText().pipe(z.string().max(2048, 'URL is too long.')),
  token: cleanText().pipe(z.string().max(64, 'Token is too long.')),
  encoding_aes_key: cleanText().pipe(z.string().max(64, 'EncodingAESKey is too long.')).nullable().optional(),
  mode: z.enum(['plaintext', 'compatible', 'safe'], { message: 'Mode must be plaintext, compatible or safe.' }),
});

/** Re-reads an account after a command changed it (the command owns the write). */
async function reread(services: Services, id: string) {
  const account = await findAccountById(services.db, id);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  return account;
}

/** The developer settings of an account: AppSecret, IP whitelist, callback server. */
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

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/server',
    action: 'account.server.edit',
    body: serverBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await configureServer(services, account.id, {
        url: body.url,
        token: body.token,
        encodingAesKey: body.encoding_aes_key ?? null,
        mode: body.mode,
      });
      return { server: presentServer(await reread(services, account.id)) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/server/disable',
    action: 'account.server.edit',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await disableServer(services, account.id);
      return { server: presentServer(await reread(services, account.id)) };
    },
  });
}
