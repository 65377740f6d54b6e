import type { Services } from '../../../main/services.js';
import type { Tx } from '../../../platform/db/connect.js';
import { dbErrorCode } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { payError } from '../rules/errors.js';
import { newRefundId } from '../rules/ids.js';
import { canonicalJson, checkNotifyUrl, type RefundRequest } from '../rules/requests.js';
import { presentRefundNotice } from '../presenters.js';
import {
  countRefunds, findMerchantById, findOrder, findOrderById, findRefund, findWallet, insertBill, insertRefund, lockDueRefunds, markRefundSucceeded, updateOrder, updateWallet,
  type MerchantRow, type OrderRow, type RefundRow,
} from '../store.js';
import { queueNotification } from './notificationQueuer.js';

/** At most 50 refunds per order (reference §5.1). */
export const MAX_REFUNDS_PER_ORDER = 50;
/** Refunds are accepted within a year of payment. */
const REFUND_WINDOW_MS = 365 * 86_400_000;

/**
 * Requests a refund (`POST /v3/refund/domestic/refunds`, reference §5.1): of a paid order, up to
 * what is left of its total, at most 50 per order; the same out_refund_no with the same body is
 * the same refund, with another body INVALID_REQUEST. The refund starts PROCESSING and succeeds
 * HERALD_PAY_REFUND_SECONDS later on the Herald clock; the order turns REFUND (转入退款).
 */
export async function requestRefund(services: Services, merchant: MerchantRow, req: RefundRequest, api: 'v3' | 'v2' = 'v3'): Promise<{ refund: RefundRow; order: OrderRow }> {
  if (req.notify_url !== undefined) checkNotifyUrl(req.notify_url, '/notify_url', services.config.mode === 'platform');
  const request = JSON.parse(canonicalJson(req)) as Record<string, unknown>;
  for (let tries = 0; ; tries++) {
    try {
      return await services.db.transaction(async (tx) => {
        const by = req.transaction_id ? { transactionId: req.transaction_id } : { outTradeNo: req.out_trade_no! };
        const order = await findOrder(tx, merchant.id, by, true);
        if (!order || (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND')) throw payError('RESOURCE_NOT_EXISTS', '订单不存在');
        if (req.transaction_id && req.out_trade_no && order.outTradeNo !== req.out_trade_no) throw payError('INVALID_REQUEST', 'transaction_id与out_trade_no不匹配');
        const existing = await findRefund(tx, merchant.id, req.out_refund_no);
        if (existing) {
          if (existing.orderId !== order.id || canonicalJson(existing.request) !== canonicalJson(request)) throw payError('INVALID_REQUEST', '请求重入时，参数与首次请求时不一致');
          return { refund: existing, order };
        }
        const nowMs = services.clock.nowMs();
        if (req.amount.total !== order.total) throw payError('INVALID_REQUEST', '订单金额与原订单金额不一致', { field: '/amount/total' });
        if (req.amount.refund > order.total - order.refunded) throw payError('INVALID_REQUEST', '申请退款金额超过订单可退金额', { field: '/amount/refund' });
        if (order.successTime && nowMs - order.successTime.getTime() > REFUND_WINDOW_MS) throw payError('INVALID_REQUEST', '订单已超过退款期限');
        if ((await countRefunds(tx, order.id)) >= MAX_REFUNDS_PER_ORDER) throw payError('INVALID_REQUEST', '订单退款次数已达上限（50次）');
        const refund = await insertRefund(tx, {
          merchantId: merchant.id,
          orderId: order.id,
          refundId: newRefundId(nowMs),
          outRefundNo: req.out_refund_no,
          reason: req.reason ?? null,
          // A refund that names no notify_url is reported to the merchant's default (商户平台's 退款结果通知url), if set.
          notifyUrl: req.notify_url ?? merchant.defaultNotifyUrl ?? null,
          amount: req.amount.refund,
          status: 'PROCESSING',
          request,
          api,
          createdAt: new Date(nowMs),
          settlesAt: new Date(nowMs + services.config.pay.refundSeconds * 1000),
        });
        const updated = await updateOrder(tx, order.id, { refunded: order.refunded + req.amount.refund, tradeState: 'REFUND' });
        return { refund, order: updated };
      });
    } catch (err) {
      if (dbErrorCode(err) !== 'unique_violation' || tries >= 2) throw err;
    }
  }
}

/** A refund by out_refund_no, with refunds due by now settled first. */
export async function findRefundNow(services: Services, merchant: MerchantRow, outRefundNo: string): Promise<{ refund: RefundRow; order: OrderRow }> {
  await settleDueRefunds(services);
  const refund = await findRefund(services.db, merchant.id, outRefundNo);
  const order = refund ? await findOrderById(services.db, refund.orderId) : undefined;
  if (!refund || !order) throw payError('RESOURCE_NOT_EXISTS', '退款单不存在');
  return { refund, order };
}

/**
 * Moves refunds whose time has come (Herald clock) from PROCESSING to SUCCESS and queues their
 * REFUND.SUCCESS notification when they named a notify_url. Safe to run on several nodes at once.
 */
export async function settleDueRefunds(services: Services, limit = 100): Promise<number> {
  return withTransaction(services, async (tx, after) => {
    const now = services.clock.now();
    const due = await lockDueRefunds(tx, now, limit);
    let queued = false;
    for (const r of due) {
      const done = await markRefundSucceeded(tx, r.id, r.settlesAt);
      const order = await findOrderById(tx, r.orderId);
      const merchant = await findMerchantById(tx, r.merchantId);
      if (!order || !merchant) continue;
      await creditRefund(tx, done, order, merchant.name);
      queued = (await queueNotification(tx, { merchant, eventType: 'REFUND.SUCCESS', resource: presentRefundNotice(done, order, merchant.mchid), url: r.notifyUrl, nowMs: now.getTime(), order, refund: done })) || queued;
    }
    if (queued) after.wake('payNotificationsQueued');
    return due.length;
  });
}

/** The money of a refund back to the payer: 零钱 (or the card, which Herald does not hold) and a bill line. */
async function creditRefund(tx: Tx, refund: RefundRow, order: OrderRow, merchantName: string): Promise<void> {
  if (!order.payerUserId) return;
  const method = order.payMethod ?? 'balance';
  if (method === 'balance') {
    const w = await findWallet(tx, order.payerUserId, true);
    if (w) await updateWallet(tx, order.payerUserId, { balance: w.balance + refund.amount });
  }
  await insertBill(tx, { userId: order.payerUserId, kind: 'refund', amount: refund.amount, method, orderId: order.id, refundId: refund.id, merchantName, description: order.description, at: refund.successTime ?? refund.settlesAt });
}
