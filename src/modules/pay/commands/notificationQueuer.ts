import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../platform/db/connect.js';
import { aesGcmEncrypt } from '../rules/crypto.js';
import { rfc3339China } from '../rules/ids.js';
import { notificationEnvelope, type PayEventType } from '../rules/notify.js';
import { insertNotification, type MerchantRow } from '../store.js';

/**
 * Queues a notification in the caller's transaction (the outbox): the resource encrypted under
 * the merchant's APIv3 key now, so every retry carries the same `id` and body. Nothing is queued
 * without an APIv3 key (WeChat sends none then) or without a URL. True when queued. `delayMs`
 * (a simulator fault) holds the first attempt back.
 */
export async function queueNotification(
  tx: Tx,
  opts: { merchant: MerchantRow; eventType: PayEventType; resource: object; url: string | null; nowMs: number; delayMs?: number },
): Promise<boolean> {
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
