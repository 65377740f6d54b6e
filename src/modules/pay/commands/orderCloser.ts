import type { Services } from '../../../main/services.js';
import { payError } from '../rules/errors.js';
import { findOrder, updateOrder, type MerchantRow } from '../store.js';

/**
 * Closes an unpaid order (`…/out-trade-no/{no}/close`, reference §3.3): CLOSED, never payable
 * again; closing a closed order succeeds again; a paid one is ORDERPAID (refund it instead).
 */
export async function closeOrder(services: Services, merchant: MerchantRow, outTradeNo: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const order = await findOrder(tx, merchant.id, { outTradeNo }, true);
    if (!order) throw payError('ORDER_NOT_EXIST');
    if (order.tradeState === 'CLOSED') return;
    if (order.tradeState !== 'NOTPAY') throw payError('ORDERPAID');
    await updateOrder(tx, order.id, { tradeState: 'CLOSED' });
  });
}
