import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { chinaDay } from '../../platform/clock.js';
import { adTotalsByDay, donationTotals } from './store.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';

const revenueQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

const DAY_MS = 86_400_000;

/**
 * GET /console/api/accounts/:appid/revenue?days=30 — what an account earned over the last
 * `days` China calendar days (today included): reader donations (total, per article, latest)
 * and ad slots (impressions, clicks and revenue per day, every day listed). Amounts in fen.
 */
export function registerRevenueRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/revenue',
    action: 'revenue.view',
    query: revenueQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const nowMs = services.clock.nowMs();
      // The period starts at 00:00 Asia/Shanghai of the first day.
      const firstDay = chinaDay(nowMs - (query.days - 1) * DAY_MS);
      const since = new Date(Date.parse(`${firstDay}T00:00:00+08:00`));
      const [donations, adDays] = await Promise.all([donationTotals(services.db, account.id, since), adTotalsByDay(services.db, account.id, since)]);
      const byDay = new Map(adDays.map((d) => [d.day, d]));
      const days = Array.from({ length: query.days }, (_, i) => chinaDay(since.getTime() + i * DAY_MS + 12 * 3600 * 1000));
      const series = days.map((day) => {
        const d = byDay.get(day);
        return { day, impressions: d?.impressions ?? 0, clicks: d?.clicks ?? 0, revenue_fen: d?.revenueFen ?? 0 };
      });
      return {
        days: query.days,
        since: since.toISOString(),
        donations: {
          total_fen: donations.totalFen,
          count: donations.count,
          by_article: donations.byArticle.map((a) => ({ article_id: a.articleId, title: a.title, count: a.count, total_fen: a.totalFen })),
          recent: donations.recent.map((d) => ({
            id: d.id,
            article_id: d.articleId,
            article_title: d.articleTitle,
            amount_fen: d.amountFen,
            message: d.message,
            created_at: d.createdAt.toISOString(),
            donor: d.donor,
          })),
        },
        ads: {
          impressions: series.reduce((n, d) => n + d.impressions, 0),
          clicks: series.reduce((n, d) => n + d.clicks, 0),
          revenue_fen: series.reduce((n, d) => n + d.revenue_fen, 0),
          by_day: series,
        },
      };
    },
  });
}
