import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { appealViolation } from '../commands/appeals.js';
import { listAccountViolations, loadPolicy, standingCount, waitingConversations } from '../store.js';
import { presentStanding, presentViolation, presentWaiting } from './presenters.js';

const appealBody = z.object({ reason: cleanText({ multiline: true }).pipe(z.string().trim().min(1, 'Say why the record is wrong.').max(2000)) }).strict();

/** The most records and waiting conversations a page lists. */
const LIST_LIMIT = 200;
const DAY_MS = 86_400_000;
/** The response board looks this far back. */
const BOARD_DAYS = 30;

/** An account's 违规记录 page, its response board (inquiries waiting for an answer) and the one appeal of a record. */
export function registerEnforcementAccountRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/violation-records',
    action: 'enforcement.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const now = services.clock.nowMs();
      const policy = await loadPolicy(services.db);
      const [records, standing] = await Promise.all([
        listAccountViolations(services.db, account.id, LIST_LIMIT),
        standingCount(services.db, account.id, new Date(now - policy.strikeWindowDays * DAY_MS)),
      ]);
      return {
        account: { appid: account.appid, name: account.name, type: account.type },
        standing: presentStanding(account, standing, now),
        records: records.map((r) => presentViolation(r, now)),
        appeal_days: policy.appealDays,
        now: new Date(now).toISOString(),
      };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/violation-records/response-board',
    action: 'enforcement.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const now = services.clock.nowMs();
      const policy = await loadPolicy(services.db);
      const lateBefore = now - policy.response.hours * 3_600_000;
      const waiting = await waitingConversations(services.db, account.id, new Date(now - BOARD_DAYS * DAY_MS), LIST_LIMIT);
      return {
        hours: policy.response.hours,
        threshold: policy.response.threshold,
        waiting: waiting.map((w) => presentWaiting(w, lateBefore)),
        late: waiting.filter((w) => w.createdAt.getTime() <= lateBefore).length,
      };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/violation-records/:id/appeal',
    action: 'enforcement.appeal',
    body: appealBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const row = await appealViolation(services, account, params.id, body.reason);
      return { record: presentViolation(row, services.clock.nowMs()) };
    },
  });
}
