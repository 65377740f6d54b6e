import type { Services } from '../services.js';
import { claimDueDeliveries } from '../store/deliveries.js';
import { PUSH_TIMEOUT_MS, runClaimedAttempt } from './deliveryAttempt.js';

/** Tuning of the callback worker; the defaults are WeChat's behaviour. */
export interface CallbackWorkerOptions {
  /** Attempts in flight at once (default 16). */
  concurrency?: number;
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

/**
 * The durable callback delivery worker. It claims due deliveries from the outbox (several
 * workers on several nodes share the table safely), runs each attempt, and is woken at once
 * by services.hooks.deliveriesQueued; a poll covers deliveries queued by other nodes and
 * claims whose holder crashed.
 */
export function startCallbackWorker(services: Services, opts: CallbackWorkerOptions = {}): CallbackWorker {
  const concurrency = opts.concurrency ?? 16;
  const pollMs = opts.pollMs ?? 500;
  const leaseMs = opts.leaseMs ?? 15_000;
  const timeoutMs = opts.timeoutMs ?? PUSH_TIMEOUT_MS;
  const log = services.log.child({ component: 'callback-worker' });
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let woken = false;
  let release: (() => void) | null = null;

  const wake = () => {
    woken = true;
    release?.();
  };
  services.hooks.deliveriesQueued.push(wake);

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        release = null;
        resolve();
      }
      release = done;
    });

  const loop = async () => {
    while (running) {
      woken = false;
      const room = concurrency - inFlight.size;
      let claimed = 0;
      if (room > 0) {
        try {
          const claims = await claimDueDeliveries(services.db, { limit: room, nowMs: services.clock.nowMs(), leaseMs });
          claimed = claims.length;
          for (const claim of claims) {
            const p: Promise<void> = runClaimedAttempt(services, claim, { timeoutMs })
              .catch((err: unknown) => log.error({ err, deliveryId: claim.id }, 'delivery attempt failed unexpectedly'))
              .finally(() => {
                inFlight.delete(p);
                wake();
              });
            inFlight.add(p);
          }
        } catch (err) {
          if (running) log.warn({ err }, 'claiming deliveries failed');
        }
      }
      if (!running) break;
      if ((claimed > 0 && claimed === room) || woken) continue;
      await pause();
    }
  };
  const looping = loop();

  return {
    wake,
    async stop() {
      if (!running) return;
      running = false;
      const i = services.hooks.deliveriesQueued.indexOf(wake);
      if (i >= 0) services.hooks.deliveriesQueued.splice(i, 1);
      release?.();
      await looping;
      await Promise.allSettled([...inFlight]);
    },
  };
}
