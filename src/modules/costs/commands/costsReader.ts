import type { Services } from '../../../main/services.js';
import { transactionFeesByMonth, type MonthlyTransactionFees } from '../../pay/index.js';
import { registeredFeeSources } from '../ports.js';
import { apiCharge, sortLines, totalsByKind, totalsOf, type FeeLine, type FeeTotals } from '../rules.js';
import { apiCallsByMonth } from '../store.js';
import { BUILT_IN_SOURCES } from './feeSources.js';

/** What an organization paid and owes (or, for the platform, what it took in and is owed). */
export interface CostsView {
  /** Every fee line, newest first. */
  lines: FeeLine[];
  totals: FeeTotals;
  byKind: Array<{ kind: string; count: number } & FeeTotals>;
  /** WeChat Pay's transaction fees by merchant and month. */
  payFees: MonthlyTransactionFees[];
  /** API calls by account and month with their charge (0 at the default rate). */
  apiCalls: Array<{ month: string; appid: string; accountName: string; calls: number; chargeFen: number }>;
  /** The configured API rate, fen per 1,000 calls. */
  apiRateFenPer1000: number;
}

/**
 * The fees of one organization (`orgId`) or of the whole platform (null): the lines of every fee
 * source (the built-in ones and those registered through ports.ts), their totals by status and by
 * type, and the monthly tables the page shows beside them.
 */
export async function readCosts(services: Services, orgId: string | null): Promise<CostsView> {
  const sources = [...BUILT_IN_SOURCES, ...registeredFeeSources(services)];
  const [lineLists, payFees, calls] = await Promise.all([
    Promise.all(sources.map((s) => s.lines(services, orgId))),
    transactionFeesByMonth(services.db, orgId),
    apiCallsByMonth(services.db, orgId),
  ]);
  const lines = sortLines(lineLists.flat());
  const rate = services.config.costs.apiChargeFenPer1000Calls;
  return {
    lines,
    totals: totalsOf(lines),
    byKind: totalsByKind(lines),
    payFees,
    apiCalls: calls.map((c) => ({ month: c.month, appid: c.appid, accountName: c.accountName, calls: c.calls, chargeFen: apiCharge(c.calls, rate) })),
    apiRateFenPer1000: rate,
  };
}
