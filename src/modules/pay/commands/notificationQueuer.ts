import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../platform/db/connect.js';
import { aesGcmEncrypt } from '../rules/crypto.js';
import { rfc3339China } from '../rules/ids.js';
import { notificationEnvelope, type PayEventType } from '../rules/notify.js';
import { insertNotification, type MerchantRow, type OrderRow, type RefundRow } from '../store.js';
import { queueV2Notification, v2PaymentNotice, v2RefundNotice } from '../v2/notify.js';

/**
 * Queues a notification in the caller's transaction (the outbox): the resource encrypted under
 * the merchant's APIv3 key now, so every retry carries the same `id` and body. Nothing is queued
 * without an APIv3 key (WeChat sends none then) or without a URL. True when queued. `delayMs`
 * (a simulator fault) holds the first attempt back. An order placed (or a refund asked) through
 * APIv2 is notified in v2's XML instead (v2/notify.ts).
 */
export async function queueNotification(
  tx: Tx,
  opts: { merchant: MerchantRow; eventType: PayEventType; resource: object; url: string | null; nowMs: number; delayMs?: number; order?: OrderRow; refund?: RefundRow },
): Promise<boolean> {
  if (opts.order && (opts.refund ?? opts.order).api === 'v2') {
    const body = opts.refund ? v2RefundNotice(opts.refund, opts.order, opts.merchant) : await v2PaymentNotice(tx, opts.order, opts.merchant);
    return queueV2Notification(tx, { merchant: opts.merchant, eventType: opts.eventType, body, url: opts.url, nowMs: opts.nowMs, delayMs: opts.delayMs });
  }
  if (!opts.merchant.apiV3Key || !opts.url) return false;
  const originalType = opts.eventType === 'TRANSACTION.SUCCESS' ? 'transaction' : 'refund';
  const id = randomUUID();
  const envelope = notificationEnvelope({
    id,
    createTime: rfc3339China(opts.nowMs),
    eventType: opts.eventType,
    originalType,
    resource: aesGcmEncrypt(JSON.stringify(opts.resource), opts.merchant.apiV3Key, originalType),
  });
  await insertNotification(tx, {
    id,
    merchantId: opts.merchant.id,
    eventType: opts.eventType,
    url: opts.url,
    body: JSON.stringify(envelope),
    status: 'pending',
    nextAttemptAt: new Date(opts.nowMs + (opts.delayMs ?? 0)),
    createdAt: new Date(opts.nowMs),
  });
  return true;
}
