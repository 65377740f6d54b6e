import { randomUUID } from 'node:crypto';
import type { Services, SignalName } from '../../../main/services.js';
import { finishBroadcast } from '../commands/broadcastFinisher.js';
import {
  claimBroadcast, fanoutCursor, monthlyPriorBroadcasts, renewLease, runFanoutBatch, type ClaimedBroadcast,
} from '../store/broadcastFanout.js';
import { canSkipForeignKeyChecks } from '../../followers/index.js';
import { defineWorker, startWorker } from '../../../platform/jobs/registry.js';
import { announceBatch, localRelaysSettled } from './broadcastLive.js';

/** Tuning of the fan-out runner. */
export interface BroadcastRunnerOptions {
  /** Followers per batch (one statement, one transaction). Default BATCH_SIZE. */
  batchSize?: number;
  /** How often to look for runnable push posts when nothing wakes the runner (default 1 s). */
  pollMs?: number;
  /** How long a claim is held without a committed batch before another runner may take over (default 15 s). */
  leaseMs?: number;
  /** Push posts fanned out at once by this runner (default 2). */
  concurrency?: number;
}

/** A running fan-out runner. */
export interface BroadcastRunner {
  /** Looks for runnable push posts now. */
  wake(): void;
  /** Stops after the batches in flight commit, gives their leases back, and returns. */
  stop(): Promise<void>;
}

/**
 * Followers per batch. Measured with `BENCH_ONLY=fanout npm run bench` (docs/PERFORMANCE.md):
 * larger batches amortise the per-statement cost; beyond this, batches only hold their
 * transaction (and delay the phones' notification) longer.
 */
export const BATCH_SIZE = 10_000;

class LeaseLost extends Error {}

/**
 * The push-post fan-out runner, declared for the job registry. It claims a queued, due
 * scheduled, or abandoned push post with a lease (several runners on several nodes share the
 * table safely), resumes after its last committed batch, and writes the recipients batch by
 * batch in openid order, each batch one statement in one transaction that also renews the
 * lease. The last transaction calls finishBroadcast (counts, status, MASSSENDJOBFINISH). After
 * each batch commits, connected phones of its recipients are told (broadcastLive.ts). The
 * `broadcastsQueued` signal wakes it at once; a poll covers other nodes, scheduled posts coming
 * due (the emulator's clock may jump) and runners that died.
 */
export function broadcastRunner(opts: BroadcastRunnerOptions = {}) {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const leaseMs = opts.leaseMs ?? 15_000;
  // One lease owner per Herald instance, and the foreign-key probe made once per instance.
  const states = new WeakMap<Services, { owner: string; skipFk: Promise<boolean> | null }>();
  const stateOf = (services: Services) => {
    let state = states.get(services);
    if (!state) {
      state = { owner: `runner-${randomUUID()}`, skipFk: null };
      states.set(services, state);
    }
    return state;
  };
  const leaseUntil = (services: Services) => new Date(services.clock.nowMs() + leaseMs);

  const fanOut = async (services: Services, b: ClaimedBroadcast, running: () => boolean) => {
    const state = stateOf(services);
    const log = services.log.child({ component: 'broadcast-runner' });
    let { batchNo, lastOpenid: after } = await fanoutCursor(services.db, b.id);
    const prior = b.kind === 'mass' && b.accountType === 'service' ? await monthlyPriorBroadcasts(services.db, b) : [];
    state.skipFk ??= canSkipForeignKeyChecks(services.db).catch(() => false);
    const skipForeignKeyChecks = await state.skipFk;
    for (;;) {
      if (!running()) {
        await renewLease(services.db, b.id, state.owner, null);
        return;
      }
      const started = performance.now();
      const { out, finished } = await services.db.transaction(async (tx) => {
        const now = services.clock.now();
        const out = await runFanoutBatch(tx, b, { owner: state.owner, after, batchNo: batchNo + 1, limit: batchSize, prior, now, leaseUntil: leaseUntil(services), skipForeignKeyChecks });
        if (!out.leased) throw new LeaseLost();
        // Fewer than a full batch: nobody is left after it, so it is the last transaction.
        const finished = out.considered < batchSize ? await finishBroadcast(tx, services, b.id) : null;
        return { out, finished };
      });
      if (out.considered > 0 && out.lastOpenid) {
        batchNo++;
        log.debug({ broadcastId: b.id, batchNo, considered: out.considered, ms: Math.round(performance.now() - started) }, 'batch committed');
        announceBatch(services, b, after, out.lastOpenid);
        await localRelaysSettled(services);
        after = out.lastOpenid;
      }
      if (finished) {
        if (finished.deliveryQueued) services.signals.emit('deliveriesQueued');
        log.info({ broadcastId: b.id, batches: batchNo, sent: finished.sentCount }, 'push post fanned out');
        return;
      }
    }
  };

  return defineWorker<Services, ClaimedBroadcast, SignalName>({
    name: 'broadcasts',
    concurrency: opts.concurrency ?? 2,
    pollMs: opts.pollMs ?? 1000,
    wakeOn: ['broadcastsQueued'],
    async claim(services, room, inFlight) {
      // One post per claim statement, as many as there is room for.
      const claimed: ClaimedBroadcast[] = [];
      const log = services.log.child({ component: 'broadcast-runner' });
      while (claimed.length < room) {
        let b: ClaimedBroadcast | null = null;
        try {
          b = await claimBroadcast(services.db, { owner: stateOf(services).owner, now: services.clock.now(), leaseUntil: leaseUntil(services), skip: [...inFlight, ...claimed].map((c) => c.id) });
        } catch (err) {
          log.warn({ err }, 'claiming push posts failed');
        }
        if (!b) break;
        claimed.push(b);
      }
      return claimed;
    },
    async run(services, b, ctx) {
      const log = services.log.child({ component: 'broadcast-runner' });
      try {
        await fanOut(services, b, ctx.running);
      } catch (err) {
        // The lease stays: after it runs out this or another runner resumes after the last batch.
        if (err instanceof LeaseLost) log.info({ broadcastId: b.id }, 'push post taken over by another runner');
        else log.error({ err, broadcastId: b.id }, 'fan-out failed; it resumes when its lease expires');
      }
    },
  });
}

/** Starts a fan-out runner outside the registry (tests tune it); the server runs the manifest's. */
export function startBroadcastRunner(services: Services, opts: BroadcastRunnerOptions = {}): BroadcastRunner {
  return startWorker(broadcastRunner(opts), services, services.signals);
}
