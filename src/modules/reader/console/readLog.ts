import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { chinaDay, nextChinaDayStart } from '../../../platform/clock.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { dailyReadsBetween } from '../store/dailyReads.js';

const DAY_MS = 86_400_000;

/** The read log's spans, as the MP backend's home offers them: 7 or 30 days. */
const query = z.object({ days: z.enum(['7', '30']).default('7') }).strict();

/**
 * The account's read log: reads of its article pages per China calendar day, the last `days`
 * days up to today, oldest first, days without reads included as 0.
 */
export async function readLog(services: Pick<Services, 'db' | 'clock'>, accountId: string, days: number) {
  const todayStart = nextChinaDayStart(services.clock.nowMs()) - DAY_MS;
  // Noon of each day names it safely whatever the offset.
  const dayList = Array.from({ length: days }, (_, i) => chinaDay(todayStart - (days - 1 - i) * DAY_MS + DAY_MS / 2));
  const rows = await dailyReadsBetween(services.db, accountId, dayList[0], dayList[dayList.length - 1]);
  const byDay = new Map(rows.map((r) => [r.day, r.reads]));
  const list = dayList.map((day) => ({ day, reads: byDay.get(day) ?? 0 }));
  return { days: list, total: list.reduce((n, d) => n + d.reads, 0) };
}

/** The read log's answer, as the web app imports it (type-only). */
export type ReadLog = Awaited<ReturnType<typeof readLog>>;

/** GET /console/api/accounts/:appid/read-log?days=7|30, for the account's home (首页). */
export function registerReadLogRoute(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/read-log',
    action: 'account.view',
    query,
    async handler({ session, params, query: q }) {
      const account = await accountInScope(services, session, params.appid);
      return { read_log: await readLog(services, account.id, Number(q.days)) };
    },
  });
}
