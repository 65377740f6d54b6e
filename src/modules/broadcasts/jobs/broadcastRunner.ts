import { randomUUID } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { finishBroadcast } from '../commands/broadcastFinisher.js';
import {
  claimBroadcast, fanoutCursor, monthlyPriorBroadcasts, renewLease, runFanoutBatch, type ClaimedBroadcast,
} from '../store/broadcastFanout.js';
import { canSkipForeignKeyChecks } from '../../followers/index.js';
import { notifyDeliveriesQueued } from '../../../platform/jobs/wake.js';
import { pollTimer } from '../../../platform/jobs/pollTimer.js';
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
 * The push-post fan-out runner. It claims a queued, due scheduled, or abandoned push post with a
 * lease (several runners on several nodes share the table safely), resumes after its last
 * committed batch, and writes the recipients batch by batch in openid order, each batch one
 * statement in one transaction that also renews the lease. The last transaction calls
 * finishBroadcast (counts, status, MASSSENDJOBFINISH). After each batch commits, connected
 * phones of its recipients are told (broadcastLive.ts). Woken at once by
 * services.hooks.broadcastsQueued; a poll covers other nodes, scheduled posts coming due (the
 * emulator's clock may jump) and runners that died.
 */
export function startBroadcastRunner(services: Services, opts: BroadcastRunnerOptions = {}): BroadcastRunner {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 15_000;
  const concurrency = opts.concurrency ?? 2;
  const owner = `runner-${randomUUID()}`;
  const log = services.log.child({ component: 'broadcast-runner' });
  const inFlight = new Map<number, Promise<void>>();
  let running = true;
  const timer = pollTimer(pollMs);
  const wake = () => timer.wake();
  services.hooks.broadcastsQueued.push(wake);

  const leaseUntil = () => new Date(services.clock.nowMs() + leaseMs);
  let skipFk: Promise<boolean> | null = null;

  const fanOut = async (b: ClaimedBroadcast) => {
    let { batchNo, lastOpenid: after } = await fanoutCursor(services.db, b.id);
    const prior = b.kind === 'mass' && b.accountType === 'service' ? await monthlyPriorBroadcasts(services.db, b) : [];
    skipFk ??= canSkipForeignKeyChecks(services.db).catch(() => false);
    const skipForeignKeyChecks = await skipFk;
    for (;;) {
      if (!running) {
        await renewLease(services.db, b.id, owner, null);
        return;
      }
      const started = performance.now();
      const { out, finished } = await services.db.transaction(async (tx) => {
        const now = services.clock.now();
        const out = await runFanoutBatch(tx, b, { owner, after, batchNo: batchNo + 1, limit: batchSize, prior, now, leaseUntil: leaseUntil(), skipForeignKeyChecks });
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
        if (finished.deliveryQueued) notifyDeliveriesQueued(services);
        log.info({ broadcastId: b.id, batches: batchNo, sent: finished.sentCount }, 'push post fanned out');
        return;
      }
    }
  };

  const loop = async () => {
    while (running) {
      timer.beginRound();
      let claimed: ClaimedBroadcast | null = null;
      if (inFlight.size < concurrency) {
        try {
          const now = services.clock.now();
          claimed = await claimBroadcast(services.db, { owner, now, leaseUntil: leaseUntil(), skip: [...inFlight.keys()] });
        } catch (err) {
          if (running) log.warn({ err }, 'claiming push posts failed');
        }
      }
      if (claimed) {
        const b = claimed;
        const p = fanOut(b)
          .catch((err: unknown) => {
            // The lease stays: after it runs out this or another runner resumes after the last batch.
            if (err instanceof LeaseLost) log.info({ broadcastId: b.id }, 'push post taken over by another runner');
            else log.error({ err, broadcastId: b.id }, 'fan-out failed; it resumes when its lease expires');
          })
          .finally(() => {
            inFlight.delete(b.id);
            wake();
          });
        inFlight.set(b.id, p);
        continue;
      }
      if (!running) break;
      if (timer.woken) continue;
      await timer.pause();
    }
  };
  const looping = loop();

  return {
    wake,
    async stop() {
      if (!running) return;
      running = false;
      const i = services.hooks.broadcastsQueued.indexOf(wake);
      if (i >= 0) services.hooks.broadcastsQueued.splice(i, 1);
      timer.wake();
      await looping;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
