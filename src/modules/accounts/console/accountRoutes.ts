import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { openAccount } from '../commands/accountOpener.js';
import { listAccountsOfOrg } from '../store/accounts.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { allowed } from '../../operators/rules/policy.js';
import { presentAccountDetail, presentAccountSummary } from './presenters.js';
import { registerAccountSettingsRoutes } from './settingsRoutes.js';

const createBody = z.object({
  type: z.enum(['subscription', 'service'], { message: 'Choose subscription or service.' }),
  name: cleanText().pipe(z.string().trim().min(1, 'Enter a name.').max(64, 'Name must be at most 64 characters.')),
  verified: z.boolean().optional(),
  wechat_id: cleanText().pipe(z.string().max(20, 'WeChat ID must be at most 20 characters.')).nullable().optional(),
  description: cleanText({ multiline: true }).pipe(z.string().max(500, 'Description must be at most 500 characters.')).optional(),
});

/** The organization's accounts: list, create, details; each account's home and settings. */
export function registerAccountRoutes(api: FastifyInstance, services: Services): void {
  registerAccountSettingsRoutes(api, services);
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts',
    action: 'account.list',
    async handler({ session }) {
      const rows = await listAccountsOfOrg(services.db, session.org.id);
      return { accounts: rows.map(presentAccountSummary) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts',
    action: 'account.create',
    body: createBody,
    status: 201,
    async handler({ session, body }) {
      const { account, secret } = await openAccount(
        services.db,
        { orgId: session.org.id, platformAdmin: session.operator.platformAdmin, platformMode: services.config.mode === 'platform' },
        { type: body.type, name: body.name, verified: body.verified, wechatId: body.wechat_id || null, description: body.description },
      );
      return { account: presentAccountDetail(account), secret };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid',
    action: 'account.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return { account: presentAccountDetail(account, { secrets: allowed(session.operator, 'account.secrets.view') }) };
    },
  });
}
