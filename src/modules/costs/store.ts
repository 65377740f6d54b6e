/** The costs module's SQL: API calls by account and China month (the daily counters WeChat APIs keep). */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { accounts } from '../accounts/schema.js';
import { apiQuotaUsage } from '../../surfaces/wechat/schema.js';

/** The most account-months listed at once. */
const MONTHS_LIMIT = 2000;

/**
 * WeChat API calls per account and China month (the counters' days are China days, YYYY-MM-DD),
 * newest month first, of one organization or of every one.
 */
export async function apiCallsByMonth(db: Executor, orgId: string | null) {
  const month = sql<string>`substr(${apiQuotaUsage.day}, 1, 7)`;
  const rows = await db
    .select({ month, accountId: accounts.id, appid: accounts.appid, accountName: accounts.name, calls: sql<string>`sum(${apiQuotaUsage.used})` })
    .from(apiQuotaUsage)
    .innerJoin(accounts, eq(accounts.id, apiQuotaUsage.accountId))
    .where(and(orgId ? eq(accounts.orgId, orgId) : undefined))
    .groupBy(month, accounts.id, accounts.appid, accounts.name)
    .orderBy(desc(month), accounts.appid)
    .limit(MONTHS_LIMIT);
  return rows.map((r) => ({ ...r, calls: Number(r.calls) }));
}
