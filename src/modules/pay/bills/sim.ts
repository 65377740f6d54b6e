/**
 * The simulator's routes for APIv2, bills and settlements (emulator mode, docs/PAY.md): the
 * merchant's API certificate (apiclient_cert.pem, for `secapi` over mutual TLS), the fee rate,
 * settling finished days now, and the settlements.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { simRoute } from '../../../surfaces/sim/kit.js';
import { merchantOf } from '../commands/merchantSettings.js';
import { updateMerchant } from '../store.js';
import { merchantCertificate } from '../v2/cert.js';
import { settleFinishedDays } from './settler.js';
import { listSettlements } from './store.js';
import { presentSettlement } from './presenters.js';

const rateBody = z.strictObject({ fee_rate_bp: z.number().int().min(0).max(1000) });

export function registerPayBillsSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'GET',
    url: '/pay/merchants/:mchid/apiclient-cert',
    handler: async ({ params }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      return { merchant_serial: merchant.merchantSerial, apiclient_cert: merchantCertificate(merchant) };
    },
  });

  simRoute(app, services, {
    method: 'PUT',
    url: '/pay/merchants/:mchid/fee-rate',
    body: rateBody,
    handler: async ({ params, body }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      await updateMerchant(services.db, merchant.id, { feeRateBp: body.fee_rate_bp });
      return { fee_rate_bp: body.fee_rate_bp };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/settlements/run',
    handler: async () => ({ settled: await settleFinishedDays(services) }),
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/pay/merchants/:mchid/settlements',
    handler: async ({ params }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      return { settlements: (await listSettlements(services.db, merchant.id, { limit: 100 })).map(presentSettlement) };
    },
  });
}
