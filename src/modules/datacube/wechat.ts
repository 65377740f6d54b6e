import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { chinaDay } from '../../platform/clock.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { checkRange, dayNumber, dayOf, type DayRange } from './rules/dateRange.js';
import { type DatacubeApi, MAX_SPAN } from './rules/codes.js';
import * as reports from './reports.js';

/** A datacube body is two short dates; anything larger is not one. */
const MAX_BODY = 4096;

type Report = (services: Services, accountId: string, range: DayRange) => Promise<unknown[]>;

const REPORTS: Record<DatacubeApi, Report> = {
  getusersummary: (s, id, r) => reports.userSummary(s.db, id, r),
  getusercumulate: (s, id, r) => reports.userCumulate(s.db, id, r),
  getarticlesummary: (s, id, r) => reports.articleSummary(s.db, id, r),
  getarticletotal: (s, id, r) => reports.articleTotal(s.db, id, r, dayOf((dayNumber(chinaDay(s.clock.now().getTime())) as number) - 1)),
  getuserread: (s, id, r) => reports.userRead(s.db, id, r, false),
  getuserreadhour: (s, id, r) => reports.userRead(s.db, id, r, true),
  getusershare: (s, id, r) => reports.userShare(s.db, id, r, false),
  getusersharehour: (s, id, r) => reports.userShare(s.db, id, r, true),
  getupstreammsg: (s, id, r) => reports.upstreamMsg(s.db, id, r, 'day'),
  getupstreammsghour: (s, id, r) => reports.upstreamMsg(s.db, id, r, 'day', true),
  getupstreammsgweek: (s, id, r) => reports.upstreamMsg(s.db, id, r, 'week'),
  getupstreammsgmonth: (s, id, r) => reports.upstreamMsg(s.db, id, r, 'month'),
  getupstreammsgdist: (s, id, r) => reports.upstreamMsgDist(s.db, id, r, 'day'),
  getupstreammsgdistweek: (s, id, r) => reports.upstreamMsgDist(s.db, id, r, 'week'),
  getupstreammsgdistmonth: (s, id, r) => reports.upstreamMsgDist(s.db, id, r, 'month'),
  getinterfacesummary: (s, id, r) => reports.interfaceSummary(s.db, id, r, false),
  getinterfacesummaryhour: (s, id, r) => reports.interfaceSummary(s.db, id, r, true),
};

/**
 * The 17 data-analytics APIs (reference §12): `POST /datacube/<name>` with
 * `{begin_date, end_date}`, answering `{list: [...]}`. The capability table's `datacube` row
 * answers 48001 for unverified accounts.
 */
export function registerDatacubeApis(app: FastifyInstance, services: Services): void {
  for (const name of Object.keys(REPORTS) as DatacubeApi[]) {
    defineApi(app, services, {
      path: `/datacube/${name}`,
      methods: ['POST'],
      auth: 'token',
      maxBody: MAX_BODY,
      async handler({ account, body }) {
        const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
        const range = checkRange(fields, MAX_SPAN[name], services.clock.now().getTime());
        return { list: await REPORTS[name](services, account.id, range) };
      },
    });
  }
}
