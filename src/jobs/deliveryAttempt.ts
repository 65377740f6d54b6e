import type { Services } from '../services.js';
import { findAccountById } from '../store/accounts.js';
import {
  findDelivery, insertAttempt, settleDelivery,
  type AttemptRecord, type ClaimedDelivery, type DeliveryOutcome,
} from '../store/deliveries.js';
import { interpretReply } from '../domain/passiveReply.js';
import { DEFAULT_MAX_XML_BYTES } from '../wechat/xml.js';
import { OutboundError, sendOutbound } from '../wechat/outbound.js';
import { buildPushRequest } from './pushRequest.js';
import { notifyDeliveriesQueued, notifyDeliverySettled } from './wake.js';
import { runSettleHandlers, type SettleEffects, type SettledDelivery } from './settleHandlers.js';
import type { PassiveReply } from '../domain/passiveReply.js';

/** WeChat waits 5 seconds for a developer server's answer. */
export const PUSH_TIMEOUT_MS = 5000;

/** How one attempt is made. */
export interface AttemptOptions {
  timeoutMs: number;
}

/**
 * Runs one claimed attempt of a delivery: records an attempt the previous holder could not
 * finish (it crashed), skips accounts without a server, sends the push, and records the
 * attempt and the delivery's next state in one transaction. Safe to run twice for a claim:
 * every write is fenced by the attempt number.
 */
export async function runClaimedAttempt(services: Services, claim: ClaimedDelivery, opts: AttemptOptions): Promise<void> {
  const { db, clock } = services;
  const delivery = await findDelivery(db, claim.id);
  if (!delivery) return;
  const account = await findAccountById(db, delivery.accountId);

  if (claim.previousStatus === 'delivering' && claim.attemptNo > 1) {
    await insertAttempt(db, {
      deliveryId: delivery.id,
      attemptNo: claim.attemptNo - 1,
      startedAt: clock.now(),
      requestUrl: account?.serverUrl ?? '',
      requestBody: '',
      responseStatus: null,
      responseBody: null,
      latencyMs: 0,
      outcome: 'interrupted',
      error: 'Herald stopped during this attempt; the server may or may not have received it.',
    });
  }
  const finish = async (outcome: DeliveryOutcome, attempt?: AttemptRecord) => {
    const { moved, effects } = await db.transaction(async (tx) => {
      if (attempt) await insertAttempt(tx, attempt);
      const settled = await settleDelivery(tx, delivery.id, claim.attemptNo, outcome);
      // The conversation learns the outcome in the same transaction: exactly once per delivery.
      const end = settled && account ? settledOf(outcome) : undefined;
      const effects: SettleEffects[] = end && account ? await runSettleHandlers(services, tx, { delivery, account, outcome: end, at: clock.now() }, services.log) : [];
      return { moved: settled, effects };
    });
    if (!moved) {
      services.log.warn({ deliveryId: delivery.id, attemptNo: claim.attemptNo }, 'delivery was taken over by another worker; result dropped');
      return;
    }
    if (outcome.status === 'pending' || effects.some((e) => e.deliveriesQueued)) notifyDeliveriesQueued(services);
    if (outcome.status !== 'pending') notifyDeliverySettled(services, delivery.id);
    for (const e of effects) {
      try {
        e.afterCommit?.();
      } catch (err) {
        services.log.warn({ err, deliveryId: delivery.id }, 'after-settle step failed');
      }
    }
  };

  if (claim.attemptNo > claim.maxAttempts) {
    // The last allowed attempt was the interrupted one.
    await finish({ status: 'failed', completedAt: clock.now(), uncountAttempt: true });
    return;
  }
  if (!account || !account.serverEnabled || !account.serverUrl || !account.serverToken) {
    await finish({ status: 'skipped', completedAt: clock.now(), uncountAttempt: true });
    return;
  }

  const startedAt = clock.now();
  const request = buildPushRequest(account, delivery, clock.nowSec());
  const base = { deliveryId: delivery.id, attemptNo: claim.attemptNo, startedAt, requestUrl: request.url, requestBody: request.body };
  const retryOrFail = (): DeliveryOutcome =>
    claim.attemptNo < claim.maxAttempts ? { status: 'pending', nextAttemptAt: clock.now() } : { status: 'failed', completedAt: clock.now() };

  let res;
  try {
    res = await sendOutbound({
      method: 'POST',
      url: request.url,
      headers: { 'content-type': 'text/xml' },
      body: request.body,
      timeoutMs: opts.timeoutMs,
      maxResponseBytes: DEFAULT_MAX_XML_BYTES,
    });
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    await finish(retryOrFail(), {
      ...base,
      responseStatus: null,
      responseBody: null,
      latencyMs: err.latencyMs,
      outcome: err.kind === 'timeout' ? 'timeout' : 'network_error',
      error: err.message,
    });
    return;
  }
  const logged = { ...base, responseStatus: res.status, responseBody: res.body, latencyMs: res.latencyMs };
  if (res.status !== 200) {
    await finish(retryOrFail(), { ...logged, outcome: 'http_error', error: `Your server answered HTTP ${res.status}` });
    return;
  }
  const result = res.truncated
    ? { status: 'invalid' as const, error: `The reply is larger than ${DEFAULT_MAX_XML_BYTES / 1024} KB.` }
    : interpretReply(res.body, {
        openid: delivery.openid,
        originalId: account.originalId,
        appid: account.appid,
        token: account.serverToken,
        encodingAesKey: account.serverAesKey,
        mode: account.serverMode === 'safe' || account.serverMode === 'compatible' ? account.serverMode : 'plaintext',
        replyingTo: delivery.kind === 'event' ? 'event' : 'message',
      });
  const completedAt = clock.now();
  if (result.status === 'invalid') {
    // WeChat does not retry an answered push: it shows the user an error instead.
    await finish(
      { status: 'delivered', replyStatus: 'invalid', reply: null, replyError: result.error, completedAt },
      { ...logged, outcome: 'invalid_reply', error: result.error },
    );
    return;
  }
  await finish(
    {
      status: 'delivered',
      replyStatus: result.status === 'valid' ? 'valid' : 'none',
      reply: result.status === 'valid' ? result.reply : null,
      replyError: null,
      completedAt,
    },
    { ...logged, outcome: 'ok', error: null },
  );
}

/** The end a delivery outcome amounts to for settle handlers (none while it is still pending or was skipped). */
function settledOf(outcome: DeliveryOutcome): SettledDelivery['outcome'] | undefined {
  if (outcome.status === 'failed') return { status: 'failed' };
  if (outcome.status !== 'delivered') return undefined;
  if (outcome.replyStatus === 'valid' && outcome.reply) return { status: 'delivered', replyStatus: 'valid', reply: outcome.reply as PassiveReply };
  return { status: 'delivered', replyStatus: outcome.replyStatus === 'valid' ? 'none' : outcome.replyStatus };
}
