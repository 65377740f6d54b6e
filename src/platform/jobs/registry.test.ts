import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { checkJobs, defineSchedule, defineWorker, durationMs, nextAttemptAtMs, retryPolicy, startSchedule, startWorker } from './registry.js';
import { createSignals } from './signals.js';
import { withTransaction } from './transaction.js';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { checkModuleJobs } from '../../main/workers.js';
import { MODULES } from '../../main/modules.js';
import { defineModule } from '../../main/manifest.js';
import { CALLBACK_RETRY } from '../../modules/callbacks/rules/retry.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('retry and backoff per delivery kind', () => {
  it("declares WeChat Pay's notification schedule and computes each next attempt", () => {
    // WeChat Pay notifies again after 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h (16 notifications in all).
    const pay = retryPolicy(['15s', '15s', '30s', '3m', '10m', '20m', '30m', '30m', '30m', '60m', '3h', '3h', '3h', '6h', '6h']);
    expect(pay.maxAttempts).toBe(16);
    const start = Date.UTC(2026, 0, 1, 0, 0, 0);
    const times: number[] = [start];
    for (let n = 1; ; n++) {
      const next = nextAttemptAtMs(pay, n, times[n - 1]);
      if (next === null) break;
      times.push(next);
    }
    const sec = times.map((t) => (t - start) / 1000);
    expect(sec).toEqual([0, 15, 30, 60, 240, 840, 2040, 3840, 5640, 7440, 11040, 21840, 32640, 43440, 65040, 86640]);
    // The last notification goes out 24 h 4 min after the first.
    expect(times.at(-1)! - start).toBe((24 * 3600 + 240) * 1000);
  });

  it('declares WeChat callbacks as a second kind: three attempts, each at once', () => {
    expect(CALLBACK_RETRY.maxAttempts).toBe(3);
    expect(nextAttemptAtMs(CALLBACK_RETRY, 1, 1000)).toBe(1000);
    expect(nextAttemptAtMs(CALLBACK_RETRY, 2, 2000)).toBe(2000);
    expect(nextAttemptAtMs(CALLBACK_RETRY, 3, 3000)).toBeNull();
  });

  it('refuses durations and attempt numbers that make no sense', () => {
    for (const bad of ['', '15', '1.5s', '-1s', '15 sec', '3w', 's', '1e3s', '9999999999s']) expect(() => durationMs(bad), bad).toThrow();
    expect(durationMs('60m')).toBe(3_600_000);
    expect(durationMs('3min')).toBe(180_000);
    const p = retryPolicy(['1s']);
    for (const n of [0, -1, 1.5, Number.NaN, 2, 99]) expect(nextAttemptAtMs(p, n, 0), String(n)).toBeNull();
  });
});

describe('the boot check of the job registry', () => {
  const worker = (name: string, wakeOn: string[] = []) => ({ name, wakeOn });

  it('passes for the modules Herald ships', () => {
    expect(() => checkModuleJobs()).not.toThrow();
    const names = MODULES.flatMap((m) => [...(m.workers ?? []), ...(m.schedules ?? [])].map((j) => j.name));
    expect(names.sort()).toEqual(['broadcasts', 'callbacks', 'enforcement', 'mail', 'massConfirmations', 'media-sweep', 'migrations', 'payNotifications', 'payRefunds', 'paySettlements', 'publish', 'registration-reminders', 'verification']);
  });

  it('fails on a duplicate name, a signal that does not exist, and a signal nobody handles', () => {
    expect(() => checkJobs({ workers: [worker('a', ['x'])], schedules: [{ name: 'a' }], signals: ['x'] })).toThrow('two jobs are named "a"');
    expect(() => checkJobs({ workers: [worker('a', ['nope'])], schedules: [], signals: [] })).toThrow('wakes on "nope", which is no signal');
    expect(() => checkJobs({ workers: [worker('a', ['x'])], schedules: [], signals: ['x', 'y'] })).toThrow('signal "y" has no handler');
    expect(() => checkJobs({ workers: [worker('a', ['x'])], schedules: [], signals: ['x', 'y'], handled: ['y'] })).not.toThrow();
  });

  it('stops the server from booting when a module repeats a job name', () => {
    const twin = defineModule({ name: 'twin', routes: {}, workers: [MODULES.find((m) => m.name === 'callbacks')!.workers![0]] });
    expect(() => checkModuleJobs([...MODULES, twin])).toThrow('two jobs are named "callbacks"');
  });
});

describe('running declared jobs', () => {
  it('a worker claims up to its room, runs items concurrently, is woken by its signal, and stops cleanly', async () => {
    type Sig = { go: void };
    const signals = createSignals<Sig>(['go']);
    const queue = [1, 2, 3, 4, 5];
    const ran: number[] = [];
    let concurrent = 0;
    let most = 0;
    const w = defineWorker<object, number, 'go'>({
      name: 't',
      concurrency: 2,
      pollMs: 60_000, // only the signal can wake it in time
      wakeOn: ['go'],
      claim: async (_s, room) => queue.splice(0, room),
      run: async (_s, n) => {
        concurrent++;
        most = Math.max(most, concurrent);
        await sleep(5);
        ran.push(n);
        concurrent--;
      },
    });
    const job = startWorker(w, {}, signals);
    for (let i = 0; i < 100 && ran.length < 5; i++) await sleep(5);
    expect(ran.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    queue.push(6);
    signals.emit('go');
    for (let i = 0; i < 100 && ran.length < 6; i++) await sleep(5);
    expect(ran).toContain(6);
    await job.stop();
    expect(signals.listenerCount('go')).toBe(0);
  });

  it('a worker that fails to claim or run logs and goes on', async () => {
    const logged: string[] = [];
    let claims = 0;
    const w = defineWorker<object, number>({
      name: 'flaky',
      concurrency: 1,
      pollMs: 5,
      wakeOn: [],
      claim: async () => {
        claims++;
        if (claims === 1) throw new Error('db down');
        return claims === 2 ? [1] : [];
      },
      run: async () => {
        throw new Error('boom');
      },
      log: { warn: (_o, m) => logged.push(m), error: (_o, m) => logged.push(m) },
    });
    const job = startWorker(w, {});
    for (let i = 0; i < 100 && logged.length < 2; i++) await sleep(5);
    await job.stop();
    expect(logged).toEqual(['claiming work failed', 'a job failed unexpectedly']);
  });

  it('a schedule never overlaps itself, and a wake-up during a run runs it once more after', async () => {
    let runs = 0;
    let release!: () => void;
    const s = defineSchedule<object>({
      name: 's',
      every: 60_000,
      runAtStart: true,
      run: async () => {
        runs++;
        if (runs === 1) await new Promise<void>((r) => (release = r));
      },
    });
    const job = startSchedule(s, {});
    expect(runs).toBe(1);
    job.wake();
    job.wake();
    expect(runs).toBe(1);
    release();
    for (let i = 0; i < 50 && runs < 2; i++) await sleep(2);
    await job.stop();
    expect(runs).toBe(2);
  });

  it('refuses declarations that cannot run', () => {
    expect(() => defineWorker({ name: 'x', concurrency: 0, pollMs: 1, wakeOn: [], claim: async () => [], run: async () => {} })).toThrow();
    expect(() => defineSchedule({ name: 'x', every: 0, run: async () => {} })).toThrow();
  });
});

describeEachDb('effects after commit', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    await herald.services.db.execute(sql`CREATE TABLE after_commit_probe (n integer)`);
  });
  afterAll(() => herald?.close());

  /** Records what the signals and the realtime hub receive, and whether the probe row is visible then. */
  function recorder() {
    const { services } = herald;
    const seen: string[] = [];
    const visible = async () => Number(((await services.db.execute(sql`SELECT count(*)::int AS c FROM after_commit_probe`)) as unknown as { rows: Array<{ c: number }> }).rows[0].c);
    const off = services.signals.on('broadcastsQueued', () => seen.push('wake'));
    const realtime = { publish: (userId: string) => seen.push(`publish ${userId}`) };
    return { seen, visible, off, realtime };
  }

  it('a rolled-back transaction wakes and publishes nothing', async () => {
    const r = recorder();
    const services = { ...herald.services, realtime: r.realtime as unknown as typeof herald.services.realtime };
    await expect(
      withTransaction(services, async (tx, after) => {
        await tx.execute(sql`INSERT INTO after_commit_probe VALUES (1)`);
        after.wake('broadcastsQueued');
        after.publish('u1', { type: 'menu_changed', appid: 'wx1' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    r.off();
    expect(r.seen).toEqual([]);
    expect(await r.visible()).toBe(0);
  });

  it('a committed one wakes and publishes, after commit, in the order asked', async () => {
    const r = recorder();
    const services = { ...herald.services, realtime: r.realtime as unknown as typeof herald.services.realtime };
    const counts: number[] = [];
    const result = await withTransaction(services, async (tx, after) => {
      await tx.execute(sql`INSERT INTO after_commit_probe VALUES (1)`);
      after.wake('broadcastsQueued');
      after.publish('u2', { type: 'menu_changed', appid: 'wx1' });
      // Runs after commit: the row is visible outside the transaction by then.
      after.run(() => void r.visible().then((c) => counts.push(c)));
      expect(r.seen).toEqual([]);
      return 'done';
    });
    r.off();
    expect(result).toBe('done');
    expect(r.seen).toEqual(['wake', 'publish u2']);
    for (let i = 0; i < 100 && counts.length === 0; i++) await sleep(5);
    expect(counts).toEqual([1]);
  });

  it('an effect that throws does not stop the others', async () => {
    const r = recorder();
    const services = { ...herald.services, realtime: r.realtime as unknown as typeof herald.services.realtime };
    await withTransaction(services, async (_tx, after) => {
      after.run(() => {
        throw new Error('effect failed');
      });
      after.wake('broadcastsQueued');
    });
    r.off();
    expect(r.seen).toEqual(['wake']);
  });
});
