import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { massProtectionOf, setMassProtection, type MassProtectionView } from '../commands/massConfirmation.js';
import { CONFIRM_WINDOW_MS } from '../rules/massConfirmation.js';

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

const protectionBody = z
  .object({
    enabled: z.boolean(),
    admin_openid: z.string().regex(OPENID, 'an openid').nullable().optional(),
  })
  .strict();

function present(view: MassProtectionView) {
  return { enabled: view.enabled, admin: view.admin, confirm_minutes: CONFIRM_WINDOW_MS / 60_000 };
}

/**
 * API mass-send protection (API群发保护) of an account: `GET|PUT /console/api/accounts/:appid/mass-protection`.
 * On, each push post sent through message/mass/sendall or send waits up to 30 minutes for the
 * administrator's confirmation in their phone.
 */
export function registerMassProtectionRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/mass-protection',
    action: 'broadcasts.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return present(await massProtectionOf(services, account));
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/mass-protection',
    action: 'broadcasts.protect',
    body: protectionBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      return present(await setMassProtection(services, account, session.operator.id, { enabled: body.enabled, adminOpenid: body.admin_openid ?? null }));
    },
  });
}
