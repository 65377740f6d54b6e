import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { sendPrivateDocument } from '../../../surfaces/console/uploads.js';
import { findAccountById } from '../../accounts/index.js';
import { documentWithBytes, verificationById } from '../commands/access.js';
import { markVerificationPaid } from '../commands/paymentMarker.js';
import { decideVerification } from '../commands/verificationDecider.js';
import { listQueue, listVerificationDocuments, type VerificationRow } from '../store.js';
import { presentVerification } from './presenters.js';

const decisionBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reasons: z.array(z.string().max(64)).max(10).default([]),
    note: cleanText({ multiline: true }).pipe(z.string().max(2000)).default(''),
    naming: z.enum(['approve', 'reject']).optional(),
  })
  .strict();

/** The most applications the queue lists at once. */
const QUEUE_LIMIT = 200;

async function reviewOf(services: Services, app: VerificationRow) {
  const [docs, account] = await Promise.all([listVerificationDocuments(services.db, app.id), findAccountById(services.db, app.accountId)]);
  return { ...presentVerification(app, docs), account: account ? { appid: account.appid, name: account.name, type: account.type, verified_until: account.verifiedUntil?.toISOString() ?? null } : null };
}

/** The platform's verification queue: invoices to mark paid, applications to decide. */
export function registerVerificationReviewRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/verifications',
    action: 'platform.verifications',
    async handler() {
      const rows = await listQueue(services.db, QUEUE_LIMIT);
      return {
        queue: rows.map((r) => ({ ...presentVerification(r.application), account: { appid: r.appid, name: r.accountName, type: r.accountType } })),
        now: services.clock.now().toISOString(),
      };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/verifications/:id',
    action: 'platform.verifications',
    async handler({ params }) {
      return { application: await reviewOf(services, await verificationById(services.db, params.id)) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/verifications/:id/documents/:docId',
    action: 'platform.verifications',
    async handler({ params, reply }) {
      const app = await verificationById(services.db, params.id);
      const { doc, bytes } = await documentWithBytes(services, app, params.docId);
      return sendPrivateDocument(reply, doc, bytes);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/admin/verifications/:id/paid',
    action: 'platform.verifications',
    async handler({ params }) {
      return { application: await reviewOf(services, await markVerificationPaid(services, params.id)) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/admin/verifications/:id/decision',
    action: 'platform.verifications',
    body: decisionBody,
    async handler({ session, params, body }) {
      const app = await decideVerification(services, session.operator.id, params.id, body);
      return { application: await reviewOf(services, app) };
    },
  });
}
