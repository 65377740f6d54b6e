import { defineSchedule, defineWorker, nextAttemptAtMs } from '../../../platform/jobs/registry.js';
import type { Services, SignalName } from '../../../main/services.js';
import { OutboundError, sendOutbound } from '../../../protocol/outbound.js';
import { responseMessage, rsaSign, SIGNATURE_TYPE } from '../rules/crypto.js';
import { newRequestId, newResponseNonce } from '../rules/ids.js';
import { isAccepted, NOTIFY_TIMEOUT_MS, PAY_NOTIFY_RETRY } from '../rules/notify.js';
import { claimDueNotifications, findMerchantById, pruneNonces, settleNotification, type NotificationRow } from '../store.js';
import { settleDueRefunds } from '../commands/refunder.js';
import { isV2Accepted } from '../rules/v2.js';
import { parseXml, textOf } from '../../../protocol/xml.js';

/** The `return_code` of a merchant's answer to a v2 notification (undefined when it is not XML). */
function v2ReturnCode(body: string | null): string | undefined {
  try {
    return body ? textOf(parseXml(body, { maxBytes: RESPONSE_BYTES * 4 }).fields, 'return_code') : undefined;
  } catch {
    return undefined;
  }
}

/** A claim is held this long before another node may take it over (the 5 s timeout plus slack). */
const LEASE_MS = 15_000;
/** Answers kept per attempt. */
const RESPONSE_BYTES = 1024;

/** The headers a notification carries, signed like a response with WeChat Pay's key for the merchant. */
export function notificationHeaders(body: string, platform: { keyId: string; privateKey: string }, nowSec: number): Record<string, string> {
  const timestamp = String(nowSec);
  const nonce = newResponseNonce();
  return {
    'content-type': 'application/json',
    'wechatpay-serial': platform.keyId,
    'wechatpay-signature': rsaSign(responseMessage(timestamp, nonce, body), platform.privateKey),
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature-type': SIGNATURE_TYPE,
    'request-id': newRequestId(0),
  };
}

/** Delivers one claimed notification once and records the attempt. */
export async function deliverNotification(services: Services, n: NotificationRow): Promise<void> {
  const merchant = await findMerchantById(services.db, n.merchantId);
  const at = services.clock.now();
  let status: number | null = null;
  let error: string | null = null;
  let response: string | null = null;
  let latencyMs = 0;
  if (!merchant) {
    error = 'The merchant no longer exists.';
  } else {
    try {
      const answer = await sendOutbound({
        method: 'POST',
        url: n.url,
        headers: n.format === 'v2'
          ? { 'content-type': 'text/xml; charset=utf-8' }
          : notificationHeaders(n.body, { keyId: merchant.platformKeyId, privateKey: merchant.platformPrivateKey }, services.clock.nowSec()),
        body: n.body,
        timeoutMs: NOTIFY_TIMEOUT_MS,
        maxResponseBytes: RESPONSE_BYTES,
        guard: services.outbound,
      });
      status = answer.status;
      response = answer.body;
      latencyMs = answer.latencyMs;
    } catch (err) {
      error = err instanceof OutboundError ? err.message : 'The request failed.';
      latencyMs = err instanceof OutboundError ? err.latencyMs : 0;
    }
  }
  const ok = status !== null && (n.format === 'v2' ? isV2Accepted(status, v2ReturnCode(response)) : isAccepted(status));
  const next = nextAttemptAtMs(PAY_NOTIFY_RETRY, n.attempts, services.clock.nowMs());
  await settleNotification(
    services.db,
    { notificationId: n.id, attemptNo: n.attempts, at, httpStatus: status, error, response, latencyMs, outcome: ok ? 'ok' : 'failed' },
    ok ? { status: 'delivered', at } : next === null || !merchant ? { status: 'failed', at } : { status: 'pending', nextAttemptAt: new Date(next) },
  );
}

/**
 * The Pay notifier: delivers TRANSACTION.SUCCESS and REFUND.SUCCESS to notify URLs through the
 * outbound policy; 200/204 ends it (a v2 XML notification: 200 with `<return_code>SUCCESS`), anything else is retried on WeChat's schedule
 * (PAY_NOTIFY_RETRY) in Herald time, so moving the clock makes retries due.
 */
export const payNotifier = defineWorker<Services, NotificationRow, SignalName>({
  name: 'payNotifications',
  concurrency: 16,
  pollMs: 500,
  wakeOn: ['payNotificationsQueued'],
  retry: PAY_NOTIFY_RETRY,
  claim: (services, room) => claimDueNotifications(services.db, { nowMs: services.clock.nowMs(), limit: room, leaseMs: LEASE_MS }),
  run: (services, n) => deliverNotification(services, n),
});

/** Nonces are kept this long in Herald time: well past the ±300 s a request's timestamp may be off. */
const NONCE_KEEP_MS = 15 * 60_000;
/** Old nonces are forgotten every this many runs of the schedule (once a minute). */
const PRUNE_EVERY_RUNS = 60;
let runs = 0;

/** Refunds turn SUCCESS on the Herald clock; request nonces older than NONCE_KEEP_MS are forgotten. */
export const payRefundSettler = defineSchedule<Services, SignalName>({
  name: 'payRefunds',
  every: 1000,
  run: async (services) => {
    await settleDueRefunds(services);
    if (runs++ % PRUNE_EVERY_RUNS === 0) await pruneNonces(services.db, new Date(services.clock.nowMs() - NONCE_KEEP_MS));
  },
});
