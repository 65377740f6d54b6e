import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../surfaces/console/kit.js';
import { findAccountById, presentServer } from '../accounts/index.js';
import { configureServer, disableServer } from './commands/serverConfigurator.js';

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

/** The account's callback server in the console's developer settings: configure, disable. */
export function registerServerRoutes(api: FastifyInstance, services: Services): void {
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
