import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { resendDelivery } from './commands/deliveryResender.js';
import { getDelivery, listDeliveries } from './store/deliveries.js';
import { DomainError } from '../../platform/errors.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import { presentDelivery, presentDeliveryDetail } from '../accounts/index.js';

const listQuery = z.object({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int('limit must be a whole number.').min(1).max(100).default(50),
  before: z.coerce.number({ message: 'before must be a number.' }).int('before must be a whole number.').min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Delivery ids are positive integers; anything else names no delivery. */
function deliveryId(raw: string | undefined): number {
  const id = raw && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new DomainError('not_found', 'Delivery not found.');
  return id;
}

/** The callback inspector: deliveries to the developer's server, their attempts, re-send. */
export function registerDeliveryRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/deliveries',
    action: 'deliveries.view',
    query: listQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const rows = await listDeliveries(services.db, account.id, { limit: query.limit, beforeId: query.before });
      const last = rows.at(-1);
      return { deliveries: rows.map(presentDelivery), next_before: rows.length === query.limit && last ? last.id : null };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/deliveries/:id',
    action: 'deliveries.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const delivery = await getDelivery(services.db, account.id, deliveryId(params.id));
      if (!delivery) throw new DomainError('not_found', 'Delivery not found.');
      return { delivery: presentDeliveryDetail(delivery) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/deliveries/:id/resend',
    action: 'deliveries.resend',
    status: 201,
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const { id } = await resendDelivery(services, account.id, deliveryId(params.id));
      return { id };
    },
  });
}
