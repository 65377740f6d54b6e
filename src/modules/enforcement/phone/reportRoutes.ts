import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { phoneRoute, phoneText } from '../../../surfaces/phone/kit.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { fileReport } from '../commands/reportFiler.js';
import { REPORT_CATEGORIES, REPORT_CATEGORY_IDS, REPORT_TARGETS, type ReportCategory } from '../rules/violations.js';

const reportBody = z
  .object({
    appid: z.string().max(64),
    target: z.enum(REPORT_TARGETS),
    ref: phoneText(500).default(''),
    category: z.enum(REPORT_CATEGORY_IDS as [ReportCategory, ...ReportCategory[]]),
    detail: phoneText(200, { multiline: true }).transform((s) => s.trim()).default(''),
  })
  .strict();

/** The phone's 投诉 sheet: the categories to choose from, and filing a report. */
export function registerReportRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/reports/categories',
    async handler() {
      return { categories: REPORT_CATEGORY_IDS.map((id) => ({ id, zh: REPORT_CATEGORIES[id].zh, en: REPORT_CATEGORIES[id].en })) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/reports',
    body: reportBody,
    status: 201,
    async handler({ user, body }) {
      const account = /^[A-Za-z0-9_-]{1,64}$/.test(body.appid) ? await findAccountByAppid(services.db, body.appid) : undefined;
      if (!account) throw new DomainError('not_found', 'No such official account.');
      const out = await fileReport(services, { account, userId: user.id, target: body.target, ref: body.ref, category: body.category, detail: body.detail });
      return { reported: true, duplicate: out.duplicate };
    },
  });
}
