import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { presentAttempt, presentDelivery } from '../accounts/index.js';
import { configureServer, disableServer } from './commands/serverConfigurator.js';
import { getDelivery, listAttempts, listDeliveries, type AttemptView, type DeliveryView } from './store/deliveries.js';
import { simAccount as accountOf, simRoute } from '../../surfaces/sim/kit.js';
import { presentReply, presentServer } from '../../surfaces/sim/presenters.js';

const serverBody = z.object({
  url: z.string().max(4096),
  token: z.string().max(256),
  encoding_aes_key: z.string().max(256).nullish(),
  mode: z.enum(['plaintext', 'compatible', 'safe']).default('plaintext'),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** An account's callback server and its delivery log, in the simulator. */
export function registerCallbackSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'PUT',
    url: '/accounts/:appid/server',
    body: serverBody,
    async handler({ params, body }) {
      const account = await accountOf(services, params.appid);
      await configureServer(services, account.id, { url: body.url, token: body.token, encodingAesKey: body.encoding_aes_key ?? null, mode: body.mode });
      return presentServer(await accountOf(services, params.appid));
    },
  });

  simRoute(app, services, {
    method: 'DELETE',
    url: '/accounts/:appid/server',
    async handler({ params }) {
      const account = await accountOf(services, params.appid);
      await disableServer(services, account.id);
      return presentServer(await accountOf(services, params.appid));
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/accounts/:appid/deliveries',
    query: listQuery,
    async handler({ params, query }) {
      const account = await accountOf(services, params.appid);
      const list = await listDeliveries(services.db, account.id, { limit: query.limit, beforeId: query.before });
      const attempts = await listAttempts(services.db, list.map((d) => d.id));
      const last = list.at(-1);
      return {
        deliveries: list.map((d) => presentSimDelivery(d, attempts.get(d.id) ?? [])),
        next_before: list.length === query.limit && last ? last.id : null,
      };
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/accounts/:appid/deliveries/:id',
    async handler({ params }) {
      const account = await accountOf(services, params.appid);
      const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : NaN;
      const d = Number.isSafeInteger(id) ? await getDelivery(services.db, account.id, id) : undefined;
      if (!d) throw new DomainError('not_found', 'Delivery not found.');
      return presentSimDelivery(d, d.attemptsLog, d.payloadXml);
    },
  });
}

/**
 * A delivery with its attempts (and its plaintext payload, in the detail view): the console's
 * fields, with the passive reply in the simulator's snake_case.
 */
function presentSimDelivery(d: DeliveryView, attempts: AttemptView[], payloadXml?: string) {
  return {
    ...presentDelivery(d),
    reply: d.reply == null ? null : presentReply(d.reply),
    ...(payloadXml !== undefined ? { payload_xml: payloadXml } : {}),
    attempts_log: attempts.map(presentAttempt),
  };
}
