/**
 * Transaction fees (手续费) by month, read from settlements: what the costs page shows for an
 * organization's merchants and what the platform takes in.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { payMerchants, paySettlements } from '../schema.js';

/** One merchant's settled month: the fee deducted and the payments it was taken on. */
export interface MonthlyTransactionFees {
  /** yyyy-MM, the China month of the trade days. */
  month: string;
  mchid: string;
  merchantName: string;
  accountId: string;
  appid: string;
  accountName: string;
  /** Fee on the payments less the fee returned with refunds, in fen. */
  feeFen: number;
  paymentsFen: number;
  paymentCount: number;
  refundsFen: number;
}

/** The most merchant-months listed at once. */
const MONTHS_LIMIT = 2000;

/**
 * Settled fees by merchant and China month, newest month first, of the merchants of one
 * organization's accounts or, with `orgId` null, of every merchant.
 */
export async function transactionFeesByMonth(db: Executor, orgId: string | null): Promise<MonthlyTransactionFees[]> {
  const month = sql<string>`substr(${paySettlements.tradeDate}, 1, 7)`;
  const rows = await db
    .select({
      month,
      mchid: payMerchants.mchid,
      merchantName: payMerchants.name,
      accountId: accounts.id,
      appid: accounts.appid,
      accountName: accounts.name,
      feeFen: sql<string>`sum(${paySettlements.fee})`,
      paymentsFen: sql<string>`sum(${paySettlements.payments})`,
      paymentCount: sql<string>`sum(${paySettlements.paymentCount})`,
      refundsFen: sql<string>`sum(${paySettlements.refunds})`,
    })
    .from(paySettlements)
    .innerJoin(payMerchants, eq(payMerchants.id, paySettlements.merchantId))
    .innerJoin(accounts, eq(accounts.id, payMerchants.accountId))
    .where(and(orgId ? eq(accounts.orgId, orgId) : undefined))
    .groupBy(month, payMerchants.mchid, payMerchants.name, accounts.id, accounts.appid, accounts.name)
    .orderBy(desc(month), payMerchants.mchid)
    .limit(MONTHS_LIMIT);
  return rows.map((r) => ({
    ...r,
    feeFen: Number(r.feeFen),
    paymentsFen: Number(r.paymentsFen),
    paymentCount: Number(r.paymentCount),
    refundsFen: Number(r.refundsFen),
  }));
}
