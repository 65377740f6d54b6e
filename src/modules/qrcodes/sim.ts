import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { scanQr } from './commands/qrScanner.js';

const scanBody = z
  .object({ ticket: z.string().max(4096).optional(), url: z.string().max(4096).optional() })
  .refine((b) => (b.ticket ?? b.url) !== undefined, 'ticket or url is required.');

/** A simulated user scans a parametric QR code, by its ticket or its URL. */
export function registerScanRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/scan',
    body: scanBody,
    async handler({ params, body }) {
      return scanQr(services, params.id, (body.ticket ?? body.url) as string);
    },
  });
}
