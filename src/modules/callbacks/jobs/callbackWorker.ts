import http from 'node:http';
import https from 'node:https';
import { defineWorker, startWorker } from '../../../platform/jobs/registry.js';
import { CALLBACK_RETRY } from '../rules/retry.js';
import type { Services, SignalName } from '../../../main/services.js';
import { claimDueDeliveries } from '../store/deliveries.js';
import { PUSH_TIMEOUT_MS, loadClaims, makeAttempt, settleAttempts, type AttemptResult, type LoadedClaim } from './deliveryAttempt.js';

/** Tuning of the callback worker; the defaults are WeChat's behaviour. */
export interface CallbackWorkerOptions {
  /** Pushes in flight at once (default 64). */
  concurrency?: number;
  /**
   * Claimed deliveries not yet settled, at most (default 4 × concurrency). A push's slot frees
   * when its answer arrives; its result then waits to be settled with others in one statement,
   * so a busy database settles many at once instead of holding every push slot meanwhile.
   */
  maxUnsettled?: number;
  /** How often to look for due deliveries when nothing wakes the worker (default 500 ms). */
  pollMs?: number;
  /**
   * How long a claim is held before another worker may take it over (default 15 s: the 5 s
   * push timeout plus slack). A crashed worker's deliveries resume after this.
   */
  leaseMs?: number;
  /** The push timeout (default 5 s, as WeChat). */
  timeoutMs?: number;
}

/** A running callback worker. */
export interface CallbackWorker {
  /** Looks for due deliveries now. */
  wake(): void;
  /** Stops claiming, waits for attempts in flight, and returns. */
  stop(): Promise<void>;
}

/** Results settled in one transaction at most. */
const SETTLE_BATCH = 256;
/** Below this many results waiting, while pushes are in flight, a settle waits SETTLE_GATHER_MS for more. */
const SETTLE_GATHER = 64;
const SETTLE_GATHER_MS = 10;

/**
 * Group commit for attempt results: results that finish while a settle transaction runs wait
 * for the next one, so under load each transaction settles many deliveries (one insert of
 * attempts, one update of deliveries) and when idle a result is settled at once.
 */
function settleQueue(services: Services, pushesInFlight: () => number) {
  const waiting: Array<{ result: AttemptResult; done: (err?: unknown) => void }> = [];
  let running = false;
  const run = async () => {
    running = true;
    while (waiting.length > 0) {
      // More answers are on their way: a moment's wait lets them share the statement (a settle
      // costs about half as much a row for 64 rows as for 16 on the embedded database). The wait
      // delays only the recording of results, never a push.
      if (waiting.length < SETTLE_GATHER && pushesInFlight() > 0) await new Promise((r) => setTimeout(r, SETTLE_GATHER_MS));
      const batch = waiting.splice(0, SETTLE_BATCH);
      try {
        await settleAttempts(services, batch.map((b) => b.result));
        for (const b of batch) b.done();
      } catch {
        // One result the database refuses must not hold back the others: settle them one by one.
        for (const b of batch) await settleAttempts(services, [b.result]).then(() => b.done(), (err: unknown) => b.done(err));
      }
    }
    running = false;
  };
  return (result: AttemptResult) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ result, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!running) void run();
    });
}

/** What one worker keeps per Herald instance: its connection pools and its settle queue. */
interface WorkerState {
  agents: { http: http.Agent; https: https.Agent };
  settle: (result: AttemptResult) => Promise<void>;
  inFlight: number;
}

/**
 * The durable callback delivery worker, declared for the job registry. It claims due
 * deliveries from the outbox in batches (several workers on several nodes share the table
 * safely: SKIP LOCKED leases), runs the attempts concurrently over keep-alive connections, and
 * settles finished attempts together (settleQueue). The `deliveriesQueued` signal wakes it at
 * once; a poll covers deliveries queued by other nodes and claims whose holder crashed.
 */
export function callbackWorker(opts: CallbackWorkerOptions = {}) {
  const concurrency = opts.concurrency ?? 64;
  const leaseMs = opts.leaseMs ?? 15_000;
  const timeoutMs = opts.timeoutMs ?? PUSH_TIMEOUT_MS;
  const states = new WeakMap<Services, WorkerState>();
  const stateOf = (services: Services): WorkerState => {
    let state = states.get(services);
    if (!state) {
      // Keep-alive pools: a developer server sees a few long-lived connections, as from WeChat,
      // instead of a connection per push.
      const agentOpts = { keepAlive: true, maxSockets: concurrency, timeout: 4_000, scheduling: 'lifo' as const };
      const created: WorkerState = {
        agents: { http: new http.Agent(agentOpts), https: new https.Agent(agentOpts) },
        settle: settleQueue(services, () => created.inFlight),
        inFlight: 0,
      };
      state = created;
      states.set(services, state);
    }
    return state;
  };
  return defineWorker<Services, LoadedClaim, SignalName>({
    name: 'callbacks',
    concurrency,
    // Claimed deliveries not yet settled, at most: a push's slot frees when its answer arrives.
    maxPending: Math.max(concurrency, opts.maxUnsettled ?? concurrency * 4),
    // Claim in batches: while attempts run, wait until a quarter of the room is free.
    claimBatch: Math.max(1, Math.ceil(concurrency / 4)),
    pollMs: opts.pollMs ?? 500,
    wakeOn: ['deliveriesQueued'],
    retry: CALLBACK_RETRY,
    async claim(services, room) {
      const claims = await claimDueDeliveries(services.db, { limit: room, nowMs: services.clock.nowMs(), leaseMs });
      // Claimed rows whose load fails stay claimed: their lease runs out and they are retried.
      return claims.length > 0 ? loadClaims(services, claims) : [];
    },
    async run(services, item) {
      const state = stateOf(services);
      const log = services.log.child({ component: 'callback-worker' });
      state.inFlight++;
      let result: AttemptResult;
      try {
        result = await makeAttempt(services, item, { timeoutMs, agents: state.agents });
      } catch (err) {
        log.error({ err, deliveryId: item.claim.id }, 'delivery attempt failed unexpectedly');
        return;
      } finally {
        // This push is done: it no longer counts as one whose answer may join the settle.
        state.inFlight--;
      }
      return { pending: state.settle(result).catch((err: unknown) => log.error({ err, deliveryId: item.claim.id }, 'settling a delivery attempt failed')) };
    },
    onStop(services) {
      const state = states.get(services);
      if (!state) return;
      states.delete(services);
      state.agents.http.destroy();
      state.agents.https.destroy();
    },
  });
}

/** Starts a callback worker outside the registry (tests tune it); the server runs the manifest's. */
export function startCallbackWorker(services: Services, opts: CallbackWorkerOptions = {}): CallbackWorker {
  return startWorker(callbackWorker(opts), services, services.signals);
}
