/** What the console and simulator show of settlements, orders and refunds in lists. */
import { rfc3339China } from '../rules/ids.js';
import type { OrderRow, RefundRow } from '../store.js';
import type { SettlementRow } from './store.js';

export function presentSettlement(s: SettlementRow) {
  return {
    trade_date: s.tradeDate,
    payments: s.payments,
    payment_count: s.paymentCount,
    refunds: s.refunds,
    refund_count: s.refundCount,
    fee: s.fee,
    fee_rate: `${(s.feeRateBp / 100).toFixed(2)}%`,
    net: s.net,
    settled_at: rfc3339China(s.settledAt.getTime()),
  };
}
export type SettlementView = ReturnType<typeof presentSettlement>;

export function presentOrderLine(o: OrderRow) {
  return {
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    appid: o.appid,
    trade_type: o.tradeType,
    api: o.api,
    trade_state: o.tradeState,
    description: o.description,
    total: o.total,
    refunded: o.refunded,
    payer_openid: o.payerOpenid,
    created_at: rfc3339China(o.createdAt.getTime()),
    success_time: o.successTime ? rfc3339China(o.successTime.getTime()) : null,
  };
}
export type OrderLineView = ReturnType<typeof presentOrderLine>;

export function presentRefundLine(r: RefundRow, o: OrderRow) {
  return {
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    api: r.api,
    status: r.status,
    amount: r.amount,
    total: o.total,
    reason: r.reason,
    created_at: rfc3339China(r.createdAt.getTime()),
    success_time: r.successTime ? rfc3339China(r.successTime.getTime()) : null,
  };
}
export type RefundLineView = ReturnType<typeof presentRefundLine>;
