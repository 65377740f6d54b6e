/**
 * What the /v3 APIs, notifications, the simulator and the console send: the fields listed here,
 * never rows.
 */
import { rfc3339China } from './rules/ids.js';
import { spkiPem } from './rules/crypto.js';
import type { MerchantRow, NotificationAttemptRow, NotificationRow, OrderRow, RefundRow } from './store.js';

const TRADE_STATE_DESC: Record<string, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '订单未支付',
  CLOSED: '订单已关闭',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
};

/** The transaction object (query answer, TRANSACTION.SUCCESS resource), reference §3.2. */
export function presentTransaction(order: OrderRow, mchid: string) {
  const paid = order.transactionId !== null;
  const base = {
    appid: order.appid,
    mchid,
    out_trade_no: order.outTradeNo,
    ...(paid ? { transaction_id: order.transactionId, trade_type: order.tradeType } : {}),
    trade_state: order.tradeState,
    trade_state_desc: TRADE_STATE_DESC[order.tradeState] ?? '',
    ...(paid ? { bank_type: order.bankType ?? 'OTHERS' } : {}),
    attach: order.attach ?? '',
    ...(paid && order.successTime ? { success_time: rfc3339China(order.successTime.getTime()) } : {}),
    ...(paid && order.payerOpenid ? { payer: { openid: order.payerOpenid } } : {}),
    amount: paid
      ? { total: order.total, payer_total: order.total, currency: order.currency, payer_currency: order.currency }
      : { total: order.total, payer_currency: order.currency },
    scene_info: { device_id: '' },
    promotion_detail: [],
  };
  return base;
}

/** The refund object (refund answers and query), reference §5.1. */
export function presentRefund(refund: RefundRow, order: OrderRow) {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: order.transactionId,
    out_trade_no: order.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime ? { success_time: rfc3339China(refund.successTime.getTime()) } : {}),
    create_time: rfc3339China(refund.createdAt.getTime()),
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: order.total,
      refund: refund.amount,
      from: [],
      payer_total: order.total,
      payer_refund: refund.amount,
      settlement_refund: refund.amount,
      settlement_total: order.total,
      discount_refund: 0,
      currency: order.currency,
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

/** The REFUND.SUCCESS resource, reference §5.3. */
export function presentRefundNotice(refund: RefundRow, order: OrderRow, mchid: string) {
  return {
    mchid,
    transaction_id: order.transactionId,
    out_trade_no: order.outTradeNo,
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    refund_status: refund.status,
    ...(refund.successTime ? { success_time: rfc3339China(refund.successTime.getTime()) } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: order.total, refund: refund.amount, payer_total: order.total, payer_refund: refund.amount },
  };
}

/** A merchant as the console and simulator show it (never its keys, apart from what `secrets` adds once). */
export function presentMerchant(m: MerchantRow, appids: readonly string[]) {
  return {
    mchid: m.mchid,
    name: m.name,
    status: m.status,
    reject_reason: m.rejectReason,
    entity_type: m.entityType,
    bank_account_type: m.bankAccountType,
    industry: m.industry,
    fee_rate: `${(m.feeRateBp / 100).toFixed(2)}%`,
    api_v3_key_set: m.apiV3Key !== null,
    merchant_serial: m.merchantSerial,
    merchant_public_key: m.merchantPublicKey,
    platform_public_key_id: m.platformKeyId,
    platform_public_key: platformPublicKeyPem(m),
    platform_certificate_serial: m.platformCertSerial,
    appids: [...appids],
    pay_directories: [...m.payDirectories],
    default_notify_url: m.defaultNotifyUrl,
    created_at: m.createdAt.toISOString(),
  };
}
export type MerchantView = ReturnType<typeof presentMerchant>;

/** An application in the platform's review queue: who applied and what they declared (no keys). */
export function presentMerchantForReview(m: MerchantRow, appid: string, accountName: string) {
  return {
    mchid: m.mchid,
    name: m.name,
    status: m.status,
    reject_reason: m.rejectReason,
    account: { appid, name: accountName },
    entity_type: m.entityType,
    bank_account_type: m.bankAccountType,
    industry: m.industry,
    fee_rate: `${(m.feeRateBp / 100).toFixed(2)}%`,
    created_at: m.createdAt.toISOString(),
    approved_at: m.approvedAt?.toISOString() ?? null,
  };
}
export type MerchantReviewView = ReturnType<typeof presentMerchantForReview>;

/** WeChat Pay's public key of a merchant (pub_key.pem), from its certificate. */
export function platformPublicKeyPem(m: MerchantRow): string {
  return spkiPem(m.platformCertPem);
}

/** A notification and its attempts (the simulator's and console's inspector). */
export function presentNotification(n: NotificationRow, attempts: readonly NotificationAttemptRow[]) {
  return {
    id: n.id,
    event_type: n.eventType,
    url: n.url,
    status: n.status,
    attempts: attempts.map((a) => ({
      attempt_no: a.attemptNo,
      at: a.at.toISOString(),
      http_status: a.httpStatus,
      error: a.error,
      response: a.response,
      latency_ms: a.latencyMs,
      outcome: a.outcome,
    })),
    next_attempt_at: n.status === 'pending' ? n.nextAttemptAt.toISOString() : null,
    created_at: n.createdAt.toISOString(),
    delivered_at: n.deliveredAt?.toISOString() ?? null,
  };
}
