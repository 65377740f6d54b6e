/**
 * The account's calls to WeChat's APIs: the daily counters the quota meter keeps
 * (api_quota_usage; a quota clear sets the day's counter back to zero) and the failed requests
 * the request log keeps durably (api_requests with an errcode).
 */
import { and, eq, gte, lt, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { apiQuotaUsage as q, apiRequests as r } from '../../../surfaces/wechat/schema.js';

export interface WechatApiCalls {
  api: string;
  calls: number;
  failures: number;
}

/** Calls per API over China days fromDay..toDay (counted calls) and failures in [from, to), most called first. */
export async function wechatApiCalls(db: Executor, accountId: string, fromDay: string, toDay: string, from: Date, to: Date): Promise<WechatApiCalls[]> {
  const [calls, failures] = await Promise.all([
    db
      .select({ api: q.api, calls: sql<number>`coalesce(sum(${q.used}), 0)::int` })
      .from(q)
      .where(and(eq(q.accountId, accountId), gte(q.day, fromDay), lte(q.day, toDay)))
      .groupBy(q.api),
    db
      .select({ api: sql<string>`split_part(${r.requestUrl}, '?', 1)`, failures: sql<number>`count(*)::int` })
      .from(r)
      .where(and(eq(r.accountId, accountId), ne(r.errcode, 0), gte(r.invokedAt, from), lt(r.invokedAt, to)))
      .groupBy(sql`split_part(${r.requestUrl}, '?', 1)`),
  ]);
  const out = new Map<string, WechatApiCalls>();
  for (const c of calls) out.set(c.api, { api: c.api, calls: Number(c.calls), failures: 0 });
  for (const f of failures) {
    const row = out.get(f.api) ?? { api: f.api, calls: 0, failures: 0 };
    row.failures += Number(f.failures);
    out.set(f.api, row);
  }
  return [...out.values()].filter((x) => x.calls > 0 || x.failures > 0).sort((a, b) => b.calls - a.calls || b.failures - a.failures || a.api.localeCompare(b.api));
}
