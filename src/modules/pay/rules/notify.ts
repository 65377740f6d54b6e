/**
 * Payment notifications (reference §4): WeChat's retry schedule after a failed delivery, what
 * counts as an answer, and the envelope. Pure.
 */
import { retryPolicy } from '../../../platform/jobs/retry.js';
import type { EncryptedResource } from './crypto.js';

/** 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h: 16 attempts over 24 h 4 min. */
export const PAY_NOTIFY_RETRY = retryPolicy(['15s', '15s', '30s', '3m', '10m', '20m', '30m', '30m', '30m', '60m', '3h', '3h', '3h', '6h', '6h']);

/** The merchant must answer within 5 seconds. */
export const NOTIFY_TIMEOUT_MS = 5000;

/** 200 or 204 ends the deliveries; anything else (or no answer) is retried. */
export const isAccepted = (status: number) => status === 200 || status === 204;

export const EVENT_SUMMARY = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
} as const;
export type PayEventType = keyof typeof EVENT_SUMMARY;

/** The notification body: id, create_time, event_type, summary and the encrypted resource. */
export function notificationEnvelope(opts: { id: string; createTime: string; eventType: PayEventType; originalType: 'transaction' | 'refund'; resource: EncryptedResource }) {
  return {
    id: opts.id,
    create_time: opts.createTime,
    resource_type: 'encrypt-resource',
    event_type: opts.eventType,
    summary: EVENT_SUMMARY[opts.eventType],
    resource: { original_type: opts.originalType, ...opts.resource },
  };
}
