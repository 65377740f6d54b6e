import { consoleQuery } from '../queries.js';
import type { presentCosts, presentLine } from '../../../../src/modules/costs/console.js';

export type CostsPage = ReturnType<typeof presentCosts> & { org: { name: string } };
export type CostLine = ReturnType<typeof presentLine>;
export type RevenuePage = Pick<CostsPage, 'now' | 'totals' | 'by_kind' | 'pay_fees' | 'api_rate_fen_per_1000'> & {
  mode: 'emulator' | 'platform';
  by_month: Array<{ month: string; paid_fen: Record<string, number> }>;
};

/** The signed-in operator's organization: fees paid and owed. */
export const costsQuery = consoleQuery<CostsPage>(['costs'], '/costs');

/** The platform's revenue by fee type (platform administrators). */
export const revenueQuery = consoleQuery<RevenuePage>(['admin', 'costs'], '/admin/costs');

/** Where the CSV export downloads from. */
export const COSTS_CSV_HREF = '/console/api/costs/csv';
