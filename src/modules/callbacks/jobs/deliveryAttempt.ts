import type http from 'node:http';
import type { Services } from '../../../main/services.js';
import type { AccountRow } from '../../accounts/store/accounts.js';
import { cutUtf8, type AttemptRecord, type ClaimedDelivery, type DeliveryOutcome, type DeliveryRow } from '../store/deliveries.js';
import { findAccountsByIds, findDeliveries, insertAttempts, recordAndSettle, settleDeliveries } from '../store/deliveryBatches.js';
import { interpretReply } from '../rules/passiveReply.js';
import { DEFAULT_MAX_XML_BYTES } from '../../../protocol/xml.js';
import { OutboundError, sendOutbound } from '../../../protocol/outbound.js';
import { buildPushRequest } from '../rules/pushRequest.js';
import { notifyDeliveriesQueued, notifyDeliverySettled } from '../../../platform/jobs/wake.js';
import { runSettleHandlers, type SettleEffects, type SettledDelivery } from './settleHandlers.js';
import type { PassiveReply } from '../rules/passiveReply.js';

/** WeChat waits 5 seconds for a developer server's answer. */
export const PUSH_TIMEOUT_MS = 5000;

/** How one attempt is made. */
export interface AttemptOptions {
  timeoutMs: number;
  /** Keep-alive pools by protocol; without them every push opens a connection. */
  agents?: { http: http.Agent; https: http.Agent };
}

/** A claim with the rows its attempt needs. */
export interface LoadedClaim {
  claim: ClaimedDelivery;
  delivery: DeliveryRow;
  account: AccountRow | undefined;
}

/** What one attempt produced, waiting to be settled. */
export interface AttemptResult extends LoadedClaim {
  /** The HTTP attempt made, if one was. */
  attempt?: AttemptRecord;
  outcome: DeliveryOutcome;
}

/** Platform mode: bytes of a valid passive reply kept in the attempts log. */
export const STRICT_LOGGED_REPLY = 1024;

const INTERRUPTED = 'Herald stopped during this attempt; the server may or may not have received it.';

/**
 * Loads the rows of a claimed batch (two statements whatever its size) and records, in one
 * insert, the attempts a previous holder started and never finished (it crashed).
 */
export async function loadClaims(services: Services, claims: ClaimedDelivery[]): Promise<LoadedClaim[]> {
  const { db, clock } = services;
  // The claim returns its rows; only a claim made without them is read again.
  const rows = new Map(claims.flatMap((c) => (c.row ? [[c.id, c.row] as const] : [])));
  const missing = claims.filter((c) => !c.row).map((c) => c.id);
  if (missing.length > 0) for (const d of await findDeliveries(db, missing)) rows.set(d.id, d);
  const accounts = await findAccountsByIds(db, [...rows.values()].map((d) => d.accountId));
  const loaded: LoadedClaim[] = [];
  for (const claim of claims) {
    const delivery = rows.get(claim.id);
    if (delivery) loaded.push({ claim, delivery, account: accounts.get(delivery.accountId) });
  }
  const now = clock.now();
  await insertAttempts(
    db,
    loaded
      .filter(({ claim }) => claim.previousStatus === 'delivering' && claim.attemptNo > 1)
      .map(({ claim, delivery, account }) => ({
        deliveryId: delivery.id,
        attemptNo: claim.attemptNo - 1,
        startedAt: now,
        requestUrl: account?.serverUrl ?? '',
        requestBody: '',
        responseStatus: null,
        responseBody: null,
        latencyMs: 0,
        outcome: 'interrupted' as const,
        error: INTERRUPTED,
      })),
  );
  return loaded;
}

/**
 * Makes the attempt of a loaded claim: skips accounts without a server, sends the push, reads
 * the answer. Writes nothing: the result is settled by settleAttempts, with others.
 */
export async function makeAttempt(services: Services, item: LoadedClaim, opts: AttemptOptions): Promise<AttemptResult> {
  const { clock } = services;
  const { claim, delivery, account } = item;
  if (claim.attemptNo > claim.maxAttempts) {
    // The last allowed attempt was the interrupted one.
    return { ...item, outcome: { status: 'failed', completedAt: clock.now(), uncountAttempt: true } };
  }
  if (!account || !account.serverEnabled || !account.serverUrl || !account.serverToken) {
    return { ...item, outcome: { status: 'skipped', completedAt: clock.now(), uncountAttempt: true } };
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
      agent: opts.agents ? (request.url.startsWith('https:') ? opts.agents.https : opts.agents.http) : undefined,
      guard: services.outbound,
    });
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const attempt: AttemptRecord = {
      ...base,
      responseStatus: null,
      responseBody: null,
      latencyMs: err.latencyMs,
      outcome: err.kind === 'timeout' ? 'timeout' : 'network_error',
      error: err.message,
    };
    return { ...item, attempt, outcome: retryOrFail() };
  }
  // Platform mode keeps no arbitrary answer: only a valid passive reply, cut short (below).
  const strict = services.outbound.strict;
  const logged = { ...base, responseStatus: res.status, responseBody: strict ? null : res.body, latencyMs: res.latencyMs };
  if (res.status !== 200) {
    return { ...item, attempt: { ...logged, outcome: 'http_error', error: `Your server answered HTTP ${res.status}` }, outcome: retryOrFail() };
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
    return {
      ...item,
      attempt: { ...logged, outcome: 'invalid_reply', error: result.error },
      outcome: { status: 'delivered', replyStatus: 'invalid', reply: null, replyError: result.error, completedAt },
    };
  }
  const kept = strict && result.status === 'valid' ? cutUtf8(res.body, STRICT_LOGGED_REPLY) : logged.responseBody;
  return {
    ...item,
    attempt: { ...logged, responseBody: kept, outcome: 'ok', error: null },
    outcome: {
      status: 'delivered',
      replyStatus: result.status === 'valid' ? 'valid' : 'none',
      reply: result.status === 'valid' ? result.reply : null,
      replyError: null,
      completedAt,
    },
  };
}

/**
 * Settles attempt results in one transaction: every attempt row in one insert, every delivery's
 * next state in one update (fenced by attempt number), then the settle handlers of deliveries
 * that ended with something to act on (a reply, an invalid answer, a failure), each in its
 * savepoint. A plain "success" answer needs no handler. Phones and waiters are told after commit.
 */
export async function settleAttempts(services: Services, results: AttemptResult[]): Promise<void> {
  const { db, clock } = services;
  if (results.length === 0) return;
  const attempts = results.flatMap((r) => (r.attempt ? [r.attempt] : []));
  const settlements = results.map((r) => ({ id: r.delivery.id, attemptNo: r.claim.attemptNo, outcome: r.outcome }));
  // Most pushes are answered "success": nothing else to write, so attempts and settlements go in one statement.
  const quiet = results.every((r) => !r.account || settledOf(r.outcome) === undefined);
  const { moved, effects } = quiet ? { moved: await recordAndSettle(db, attempts, settlements), effects: [] } : await db.transaction(async (tx) => {
    await insertAttempts(tx, attempts);
    const moved = await settleDeliveries(tx, settlements);
    const effects: Array<{ deliveryId: number; e: SettleEffects }> = [];
    const at = clock.now();
    for (const r of results) {
      const end = moved.has(r.delivery.id) && r.account ? settledOf(r.outcome) : undefined;
      if (!end || !r.account) continue;
      for (const e of await runSettleHandlers(services, tx, { delivery: r.delivery, account: r.account, outcome: end, at }, services.log)) {
        effects.push({ deliveryId: r.delivery.id, e });
      }
    }
    return { moved, effects };
  });
  let queued = effects.some(({ e }) => e.deliveriesQueued);
  for (const r of results) {
    if (!moved.has(r.delivery.id)) {
      services.log.warn({ deliveryId: r.delivery.id, attemptNo: r.claim.attemptNo }, 'delivery was taken over by another worker; result dropped');
      continue;
    }
    if (r.outcome.status === 'pending') queued = true;
    else notifyDeliverySettled(services, r.delivery.id);
  }
  if (queued) notifyDeliveriesQueued(services);
  for (const { deliveryId, e } of effects) {
    try {
      e.afterCommit?.();
    } catch (err) {
      services.log.warn({ err, deliveryId }, 'after-settle step failed');
    }
  }
}

/**
 * Runs one claimed attempt from start to settle (a worker batches these steps; this is the
 * same path for a single claim). Safe to run twice for a claim: every write is fenced by the
 * attempt number.
 */
export async function runClaimedAttempt(services: Services, claim: ClaimedDelivery, opts: AttemptOptions): Promise<void> {
  const [item] = await loadClaims(services, [claim]);
  if (!item) return;
  await settleAttempts(services, [await makeAttempt(services, item, opts)]);
}

/**
 * The end a delivery outcome amounts to for settle handlers: none while it is still pending,
 * was skipped, or was answered with a plain "success" (nothing for the follower to see).
 */
function settledOf(outcome: DeliveryOutcome): SettledDelivery['outcome'] | undefined {
  if (outcome.status === 'failed') return { status: 'failed' };
  if (outcome.status !== 'delivered') return undefined;
  if (outcome.replyStatus === 'valid' && outcome.reply) return { status: 'delivered', replyStatus: 'valid', reply: outcome.reply as PassiveReply };
  if (outcome.replyStatus === 'invalid') return { status: 'delivered', replyStatus: 'invalid' };
  return undefined;
}
