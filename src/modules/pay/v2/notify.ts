/**
 * The APIv2 notifications (reference §7): the payment notify XML (signed MD5 with the APIv2
 * key) and the refund notify XML whose `req_info` is AES-256-ECB under md5(APIv2 key). They are
 * queued in the one outbox (`pay_notifications`, format `v2`) and delivered by the same worker,
 * on the same retry schedule, until the merchant answers `<return_code>SUCCESS</return_code>`.
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Executor, Tx } from '../../../platform/db/connect.js';
import { buildXml } from '../../../protocol/xml.js';
import { accounts } from '../../accounts/schema.js';
import { follows } from '../../followers/schema.js';
import { randomAlnum } from '../rules/crypto.js';
import { encryptReqInfo, v2Sign, v2Time } from '../rules/v2.js';
import { insertNotification, type MerchantRow, type OrderRow, type RefundRow } from '../store.js';

/** `Y` when the payer follows the order's account. */
async function isSubscribed(db: Executor, order: OrderRow): Promise<'Y' | 'N'> {
  if (!order.payerOpenid) return 'N';
  const [row] = await db
    .select({ subscribed: follows.subscribed })
    .from(follows)
    .innerJoin(accounts, eq(accounts.id, follows.accountId))
    .where(and(eq(accounts.appid, order.appid), eq(follows.openid, order.payerOpenid)))
    .limit(1);
  return row?.subscribed ? 'Y' : 'N';
}

/** The fields of a paid order as v2 answers carry them (orderquery, the payment notify). */
export function v2TradeFields(order: OrderRow): Record<string, string> {
  const paid = order.transactionId !== null;
  return {
    openid: order.payerOpenid ?? '',
    trade_type: order.tradeType,
    ...(paid ? { bank_type: 'OTHERS', cash_fee: String(order.total), transaction_id: order.transactionId ?? '', time_end: order.successTime ? v2Time(order.successTime.getTime()) : '' } : {}),
    total_fee: String(order.total),
    fee_type: order.currency,
    out_trade_no: order.outTradeNo,
    attach: order.attach ?? '',
  };
}

/** A signed v2 message: `sign` added over every other non-empty field. */
export function signedV2(fields: Record<string, string>, key: string): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  return { ...kept, sign: v2Sign(kept, key) };
}

/** The payment notify XML of a paid v2 order. */
export async function v2PaymentNotice(tx: Executor, order: OrderRow, merchant: MerchantRow): Promise<string> {
  const fields = signedV2({
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: order.appid,
    mch_id: merchant.mchid,
    nonce_str: randomAlnum(32),
    result_code: 'SUCCESS',
    is_subscribe: await isSubscribed(tx, order),
    ...v2TradeFields(order),
  }, merchant.apiV2Key ?? '');
  return buildXml(fields);
}

/** `yyyy-MM-dd HH:mm:ss` in China time (the refund notify's success_time). */
function dashedChina(ms: number): string {
  const t = v2Time(ms);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}

/** The refund notify XML of a succeeded v2 refund: appid, mch_id, nonce_str and the encrypted req_info. */
export function v2RefundNotice(refund: RefundRow, order: OrderRow, merchant: MerchantRow): string {
  const info = buildXml({
    out_refund_no: refund.outRefundNo,
    out_trade_no: order.outTradeNo,
    refund_account: 'REFUND_SOURCE_RECHARGE_FUNDS',
    refund_fee: String(refund.amount),
    refund_id: refund.refundId,
    refund_recv_accout: '支付用户零钱',
    refund_request_source: 'API',
    refund_status: refund.status,
    settlement_refund_fee: String(refund.amount),
    settlement_total_fee: String(order.total),
    success_time: refund.successTime ? dashedChina(refund.successTime.getTime()) : '',
    total_fee: String(order.total),
    transaction_id: order.transactionId ?? '',
  }, 'root');
  return buildXml({
    return_code: 'SUCCESS',
    appid: order.appid,
    mch_id: merchant.mchid,
    nonce_str: randomAlnum(32),
    req_info: encryptReqInfo(info, merchant.apiV2Key ?? ''),
  });
}

/** Queues a v2 notification (XML fixed now: every retry carries the same body). False without a URL or key. */
export async function queueV2Notification(
  tx: Tx,
  opts: { merchant: MerchantRow; eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS'; body: string; url: string | null; nowMs: number; delayMs?: number },
): Promise<boolean> {
  if (!opts.merchant.apiV2Key || !opts.url) return false;
  await insertNotification(tx, {
    id: randomUUID(),
    merchantId: opts.merchant.id,
    eventType: opts.eventType,
    format: 'v2',
    url: opts.url,
    body: opts.body,
    status: 'pending',
    nextAttemptAt: new Date(opts.nowMs + (opts.delayMs ?? 0)),
    createdAt: new Date(opts.nowMs),
  });
  return true;
}
