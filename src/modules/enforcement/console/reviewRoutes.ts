import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { RESTRICTION_IDS } from '../../accounts/rules/capabilities.js';
import { decideAppeal } from '../commands/appeals.js';
import { recordViolation } from '../commands/violationRecorder.js';
import { PENALTIES, policyFrom } from '../rules/ladder.js';
import { RULES, type RuleId } from '../rules/violations.js';
import { listReports, listViolationsForReview, loadPolicy, savePolicy } from '../store.js';
import { presentReport, presentViolation } from './presenters.js';

const decisionBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    note: cleanText({ multiline: true }).pipe(z.string().max(2000)).default(''),
  })
  .strict();

const recordBody = z
  .object({
    appid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    rule: z.string().max(32).refine((r) => r in RULES, 'is not a rule Herald knows.'),
    content: cleanText({ multiline: true }).pipe(z.string().trim().min(1).max(500)),
  })
  .strict();

const stepSchema = z
  .object({
    penalty: z.enum(PENALTIES),
    restrictions: z.array(z.enum(RESTRICTION_IDS as [string, ...string[]])).max(RESTRICTION_IDS.length).default([]),
    days: z.number().int().min(1).max(3650).nullable().default(null),
  })
  .strict()
  .refine((s) => s.penalty !== 'restricted' || (s.restrictions.length > 0 && s.days !== null), 'a restriction needs what it restricts and for how many days.');

const policyBody = z
  .object({
    ladders: z.object({ subscription: z.array(stepSchema).min(1).max(20), service: z.array(stepSchema).min(1).max(20) }).strict(),
    strikeWindowDays: z.number().int().min(1).max(3650),
    reports: z.object({ threshold: z.number().int().min(1).max(1000), windowHours: z.number().int().min(1).max(24 * 365) }).strict(),
    response: z.object({ hours: z.number().int().min(1).max(24 * 30), threshold: z.number().int().min(1).max(10_000) }).strict(),
    appealDays: z.number().int().min(1).max(365),
  })
  .strict();

const reviewQuery = z.object({ appeal: z.enum(['pending']).optional() }).strict();

const QUEUE_LIMIT = 200;

/** The platform's side: reports, violation records, appeals to decide, the penalty ladder. */
export function registerEnforcementReviewRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/enforcement/reports',
    action: 'platform.enforcement',
    async handler() {
      const rows = await listReports(services.db, QUEUE_LIMIT);
      return { reports: rows.map((r) => ({ ...presentReport(r.report), account: { appid: r.appid, name: r.accountName }, reporter: r.reporter })) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/enforcement/violations',
    action: 'platform.enforcement',
    query: reviewQuery,
    async handler({ query }) {
      const now = services.clock.nowMs();
      const rows = await listViolationsForReview(services.db, { appeal: query.appeal, limit: QUEUE_LIMIT });
      return { records: rows.map((r) => ({ ...presentViolation(r.record, now), account: { appid: r.appid, name: r.accountName, type: r.accountType } })) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/admin/enforcement/violations',
    action: 'platform.enforcement',
    body: recordBody,
    status: 201,
    async handler({ body, session }) {
      const account = await findAccountByAppid(services.db, body.appid);
      if (!account) throw new DomainError('not_found', 'No such official account.');
      const row = await withTransaction(services, (tx, after) =>
        recordViolation(services, tx, after, {
          account,
          rule: body.rule as RuleId,
          source: 'platform',
          sourceRef: `${session.operator.id}:${randomUUID()}`,
          content: body.content,
          contentRef: { kind: 'account', ref: null },
        }),
      );
      if (!row) throw new DomainError('conflict', 'The record was not made; try again.');
      return { record: presentViolation(row, services.clock.nowMs()) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/admin/enforcement/violations/:id/appeal',
    action: 'platform.enforcement',
    body: decisionBody,
    async handler({ params, body }) {
      const row = await decideAppeal(services, params.id, body.decision, body.note);
      return { record: presentViolation(row, services.clock.nowMs()) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/enforcement/policy',
    action: 'platform.enforcement',
    async handler() {
      return { policy: await loadPolicy(services.db) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/admin/enforcement/policy',
    action: 'platform.enforcement',
    body: policyBody,
    async handler({ body }) {
      const policy = policyFrom(body);
      await savePolicy(services.db, policy);
      return { policy };
    },
  });
}
