import { pollTimer } from './pollTimer.js';
import type { RetryPolicy } from './retry.js';

export { durationMs, nextAttemptAtMs, retryPolicy, type RetryPolicy } from './retry.js';

/**
 * The job registry: workers and schedules are declared (defineWorker, defineSchedule) and run by
 * one loop each here, instead of every area writing its own. The declarations are checked at
 * boot (checkJobs): a duplicate name, a worker woken by a signal that does not exist, or a signal
 * nobody handles stops the server.
 */

/** What a worker's `run` may hand back: work that continues after its slot is free (a settle). */
export interface RunResult {
  /** Counts toward `maxPending` until it ends; the worker's slot is already free. */
  pending?: Promise<void>;
}

/** A durable worker: claims due work (a lease in the database) and runs each claimed item. */
export interface WorkerDeclaration<S, Item, Sig extends string = string> {
  name: string;
  /**
   * Claims up to `room` items (leases them so other nodes skip them). `inFlight` are the items
   * this worker is running now. Returning fewer than `room` means nothing more is due.
   */
  claim(services: S, room: number, inFlight: readonly Item[]): Promise<Item[]>;
  /** Runs one item. `running()` turns false when the worker stops (give the lease back and end). */
  run(services: S, item: Item, ctx: { running(): boolean }): Promise<RunResult | void>;
  /** Items run at once. */
  concurrency: number;
  /** Items run or pending at once (default: `concurrency`). */
  maxPending?: number;
  /** While items run, claim only when at least this much room is free (default 1). */
  claimBatch?: number;
  /** Wait between two looks when nothing wakes the worker. */
  pollMs: number;
  /** Signals that cut the wait short. */
  wakeOn: readonly Sig[];
  /** Retry and backoff of what this worker delivers, if it retries. */
  retry?: RetryPolicy;
  /** Called once after the worker stopped (close connection pools ...). */
  onStop?: (services: S) => void | Promise<void>;
  /** Logged when claiming or running fails. */
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** A periodic job: runs every `every`; a run still going when the next is due is not doubled. */
export interface ScheduleDeclaration<S, Sig extends string = string> {
  name: string;
  /** Milliseconds between runs. */
  every: number;
  run(services: S): Promise<unknown>;
  /** Run at once (and then every `every` again) when one of these is emitted. */
  wakeOn?: readonly Sig[];
  /** Run once at start too (default: first run after `every`). */
  runAtStart?: boolean;
  /** Whether this schedule runs on these services at all (e.g. only on the embedded database). */
  enabled?: (services: S) => boolean;
  log?: { warn(obj: object, msg: string): void };
}

/** Declares a worker (typed identity: the declaration is checked at boot and run by startWorker). */
export function defineWorker<S, Item, Sig extends string = string>(w: WorkerDeclaration<S, Item, Sig>): WorkerDeclaration<S, Item, Sig> {
  if (!Number.isInteger(w.concurrency) || w.concurrency < 1) throw new Error(`worker ${w.name}: concurrency must be a positive integer`);
  return w;
}

/** Declares a schedule. */
export function defineSchedule<S, Sig extends string = string>(s: ScheduleDeclaration<S, Sig>): ScheduleDeclaration<S, Sig> {
  if (!(s.every > 0)) throw new Error(`schedule ${s.name}: every must be positive`);
  return s;
}

/** A running worker or schedule. */
export interface RunningJob {
  /** Looks for work now. */
  wake(): void;
  /** Stops claiming, waits for what runs, and returns. */
  stop(): Promise<void>;
}

/** What the registry needs to subscribe a job to its signals. */
export interface SignalSource<Sig extends string> {
  on(name: Sig, fn: () => void): () => void;
}

/** Any worker or schedule, whatever its item type. */
export type AnyWorker<S, Sig extends string = string> = WorkerDeclaration<S, any, Sig>;

/**
 * Checks the declarations before anything starts: names are unique, every `wakeOn` names a
 * known signal, and every known signal has someone to handle it (a job's `wakeOn` or one of
 * `handled`). Throws one error listing every problem.
 */
export function checkJobs(opts: {
  workers: readonly { name: string; wakeOn: readonly string[] }[];
  schedules: readonly { name: string; wakeOn?: readonly string[] }[];
  signals: readonly string[];
  /** Signals handled by something other than a job (a waiter, the realtime relay ...). */
  handled?: readonly string[];
}): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  const known = new Set(opts.signals);
  const handled = new Set(opts.handled ?? []);
  for (const j of [...opts.workers, ...opts.schedules]) {
    if (seen.has(j.name)) problems.push(`two jobs are named "${j.name}"`);
    seen.add(j.name);
    for (const s of j.wakeOn ?? []) {
      if (!known.has(s)) problems.push(`job "${j.name}" wakes on "${s}", which is no signal`);
      handled.add(s);
    }
  }
  for (const s of opts.signals) if (!handled.has(s)) problems.push(`signal "${s}" has no handler`);
  if (problems.length > 0) throw new Error(`job registry: ${problems.join('; ')}`);
}

/** Runs one declared worker until stopped. */
export function startWorker<S, Item, Sig extends string>(w: WorkerDeclaration<S, Item, Sig>, services: S, signals?: SignalSource<Sig>): RunningJob {
  const maxPending = Math.max(w.concurrency, w.maxPending ?? w.concurrency);
  const claimBatch = Math.max(1, w.claimBatch ?? 1);
  const inFlight = new Map<Promise<void>, Item>();
  const pending = new Set<Promise<void>>();
  let running = true;
  const timer = pollTimer(w.pollMs);
  const wake = () => timer.wake();
  const offs = signals ? w.wakeOn.map((s) => signals.on(s, wake)) : [];
  const ctx = { running: () => running };

  const loop = async () => {
    while (running) {
      timer.beginRound();
      const room = Math.min(w.concurrency - inFlight.size, maxPending - inFlight.size - pending.size);
      if (room < claimBatch && (inFlight.size > 0 || pending.size > 0)) {
        await timer.pause();
        continue;
      }
      let claimed = 0;
      if (room > 0) {
        try {
          const items = await w.claim(services, room, [...inFlight.values()]);
          claimed = items.length;
          for (const item of items) {
            const p: Promise<void> = w
              .run(services, item, ctx)
              .then((result) => {
                // The slot is free now; what continues (a settle) counts toward maxPending.
                inFlight.delete(p);
                if (result?.pending) {
                  const q: Promise<void> = result.pending.finally(() => {
                    pending.delete(q);
                    wake();
                  });
                  pending.add(q);
                }
              })
              .catch((err: unknown) => w.log?.error({ err, worker: w.name }, 'a job failed unexpectedly'))
              .finally(() => {
                inFlight.delete(p);
                wake();
              });
            inFlight.set(p, item);
          }
        } catch (err) {
          if (running) w.log?.warn({ err, worker: w.name }, 'claiming work failed');
        }
      }
      if (!running) break;
      if ((claimed > 0 && claimed === room) || timer.woken) continue;
      await timer.pause();
    }
  };
  const looping = loop();

  return {
    wake,
    async stop() {
      if (!running) return;
      running = false;
      for (const off of offs) off();
      timer.wake();
      await looping;
      await Promise.allSettled([...inFlight.keys()]);
      await Promise.allSettled([...pending]);
      await w.onStop?.(services);
    },
  };
}

/** Runs one declared schedule until stopped. */
export function startSchedule<S, Sig extends string>(s: ScheduleDeclaration<S, Sig>, services: S, signals?: SignalSource<Sig>): RunningJob {
  if (s.enabled && !s.enabled(services)) return { wake() {}, stop: async () => undefined };
  let current: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  // A timer tick while a run is going is skipped; a wake-up while a run is going runs once more
  // after it (what woke it may have committed after the run looked).
  const tick = (woken: boolean) => {
    if (stopped) return;
    if (current) {
      if (woken) again = true;
      return;
    }
    current = s
      .run(services)
      .catch((err: unknown) => s.log?.warn({ err, schedule: s.name }, 'a scheduled job failed'))
      .finally(() => {
        current = undefined;
        if (again) {
          again = false;
          tick(false);
        }
      });
  };
  const timer = setInterval(() => tick(false), s.every);
  timer.unref();
  const offs = signals ? (s.wakeOn ?? []).map((n) => signals.on(n, () => tick(true))) : [];
  if (s.runAtStart) tick(false);
  return {
    wake: () => tick(true),
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const off of offs) off();
      while (current) await current;
    },
  };
}
