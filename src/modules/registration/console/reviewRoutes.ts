import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { findOperatorById, findOrganization } from '../../operators/index.js';
import { applicationNotFound } from '../commands/access.js';
import { decideApplication } from '../commands/applicationDecider.js';
import { APPLICATION_ID_RE } from '../rules/application.js';
import { findApplication, listQueue, processingTimes, type ApplicationRow } from '../store.js';
import { applicationView, sendDocument } from './applicationRoutes.js';
import { presentApplicationSummary, presentReview } from './presenters.js';

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  reasons: z.array(z.string().max(64)).max(10).default([]),
  note: cleanText({ multiline: true }).pipe(z.string().max(4000)).default(''),
});

/** The most applications the queue lists at once. */
const QUEUE_LIMIT = 200;

async function applicationById(services: Pick<Services, 'db'>, id: string): Promise<ApplicationRow> {
  const app = APPLICATION_ID_RE.test(id) ? await findApplication(services.db, id) : undefined;
  if (!app) throw applicationNotFound();
  return app;
}

async function reviewOf(services: Pick<Services, 'db'>, app: ApplicationRow) {
  const v = await applicationView(services, app);
  const op = app.operatorId ? await findOperatorById(services.db, app.operatorId) : undefined;
  const org = await findOrganization(services.db, app.orgId);
  return presentReview(app, v.docs, v.decisions, v.appid, { email: op?.email ?? '', orgName: org?.name ?? '' });
}

/** The platform's review console: the queue, an application with its documents, decisions. */
export function registerReviewRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/registrations',
    action: 'platform.registrations',
    async handler() {
      const rows = await listQueue(services.db, QUEUE_LIMIT);
      return { queue: rows.map((a) => ({ ...presentApplicationSummary(a), appealed_at: a.appealedAt?.toISOString() ?? null })), now: services.clock.now().toISOString() };
    },
  });

  // Processing-time statistics: median and 90th percentile per operating region and subject type.
  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/registrations/statistics',
    action: 'platform.registrations',
    async handler() {
      const rows = await processingTimes(services.db);
      return {
        statistics: rows.map((r) => ({ region: r.region, subject_type: r.subjectType, decided: r.decided, median_seconds: Math.round(r.medianSeconds), p90_seconds: Math.round(r.p90Seconds) })),
      };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/registrations/:id',
    action: 'platform.registrations',
    async handler({ params }) {
      return { application: await reviewOf(services, await applicationById(services, params.id)) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/registrations/:id/documents/:docId',
    action: 'platform.registrations',
    async handler({ params, reply }) {
      return sendDocument(services, await applicationById(services, params.id), params.docId, reply);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/admin/registrations/:id/decision',
    action: 'platform.registrations',
    body: decisionBody,
    async handler({ session, params, body }) {
      if (!APPLICATION_ID_RE.test(params.id)) throw applicationNotFound();
      const app = await decideApplication(services, session.operator.id, params.id, body);
      return { application: await reviewOf(services, app) };
    },
  });
}
