/**
 * Settlement (结算), T+1 on the Herald clock: once a China day is over, each merchant's payments
 * of the day are paid out with the fee (the merchant's rate, per payment, rounded to the fen)
 * deducted and the day's refunds taken back with their share of the fee.
 */
import type { Services } from '../../../main/services.js';
import { chinaDate, chinaDayStart, feeOf } from '../rules/bills.js';
import { settleDueRefunds } from '../commands/refunder.js';
import { findMerchantById } from '../store.js';
import { daysToSettle, insertSettlement, paymentsBetween, refundsBetween } from './store.js';

const DAY_MS = 86_400_000;

/** Settles every finished day not settled yet (at most `limit`); how many were settled. */
export async function settleFinishedDays(services: Services, limit = 200): Promise<number> {
  // Refunds due before the day ended count on that day.
  await settleDueRefunds(services);
  const nowMs = services.clock.nowMs();
  const today = chinaDayStart(chinaDate(nowMs));
  let settled = 0;
  for (const { merchantId, day } of await daysToSettle(services.db, today, limit)) {
    const merchant = await findMerchantById(services.db, merchantId);
    if (!merchant) continue;
    const from = chinaDayStart(day);
    const [payments, refunds] = await Promise.all([paymentsBetween(services.db, merchantId, from, from + DAY_MS), refundsBetween(services.db, merchantId, from, from + DAY_MS)]);
    const rateBp = merchant.feeRateBp;
    const paid = payments.reduce((s, o) => s + o.total, 0);
    const refunded = refunds.reduce((s, r) => s + r.refund.amount, 0);
    const fee = payments.reduce((s, o) => s + feeOf(o.total, rateBp), 0) - refunds.reduce((s, r) => s + feeOf(r.refund.amount, rateBp), 0);
    const ok = await insertSettlement(services.db, {
      merchantId,
      tradeDate: day,
      payments: paid,
      paymentCount: payments.length,
      refunds: refunded,
      refundCount: refunds.length,
      fee,
      feeRateBp: rateBp,
      net: paid - refunded - fee,
      settledAt: new Date(nowMs),
    });
    if (ok) settled++;
  }
  return settled;
}
