import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/connect.js';
import { apiQuotaUsage } from './schema.js';
import { chinaDay, type Clock } from '../../platform/clock.js';
import { dailyLimit } from './apiTable/index.js';
import { dbErrorCode } from '../../platform/errors.js';
import { ThrottledFailureLog, type FailureLogger } from './failureLog.js';

interface Counter {
  /** Count known to be in the database when loaded. */
  base: number;
  /** Calls counted here and not yet written. */
  pending: number;
  loadedAt: number;
}

const RELOAD_MS = 2_000;

/**
 * Per-API daily call counters (45009). Counting happens in memory on the hot path and is
 * written to the database in batches (every 250 ms and on shutdown), adding deltas so several
 * nodes can share one database. A node sees other nodes' calls within a couple of seconds.
 */
export class QuotaMeter {
  private counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** True while counts moved from pending to base are being written (not yet in the database). */
  private writing = false;
  /** Completed writes, to notice one that finished while a reload was reading. */
  private writes = 0;

  private readonly failures: ThrottledFailureLog;

  constructor(private readonly db: Db, private readonly clock: Clock, log?: FailureLogger, failureLogEveryMs?: number) {
    this.failures = new ThrottledFailureLog(log, 'quota counts could not be written; they are kept and retried', failureLogEveryMs);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private key(accountId: string, api: string, day: string) {
    return `${accountId}\u0000${api}\u0000${day}`;
  }

  private async counter(accountId: string, api: string, day: string): Promise<Counter> {
    const k = this.key(accountId, api, day);
    const c = this.counters.get(k);
    const wall = Date.now();
    // Reloading while a write is in flight would read a count without that write's calls.
    if (c && (c.pending > 0 || this.writing || wall - c.loadedAt <= RELOAD_MS)) return c;
    const writesBefore = this.writes;
    const [row] = await this.db
      .select({ used: apiQuotaUsage.used })
      .from(apiQuotaUsage)
      .where(and(eq(apiQuotaUsage.accountId, accountId), eq(apiQuotaUsage.api, api), eq(apiQuotaUsage.day, day)));
    const base = row?.used ?? 0;
    // Another call may have loaded (and counted) while this one awaited: keep its counter, or
    // counts taken on it would be lost when this one replaced it.
    const now = this.counters.get(k);
    if (now && now !== c) return now;
    // A write of this node's counts overlapped the read: the row read may predate it.
    if (c && (this.writing || this.writes !== writesBefore)) return c;
    const fresh: Counter = { base, pending: 0, loadedAt: Date.now() };
    this.counters.set(k, fresh);
    return fresh;
  }

  /**
   * Counts one call of `api` for the account today. Returns false (and counts nothing) when the
   * daily limit is already reached.
   */
  async take(accountId: string, api: string, limit = dailyLimit(api)): Promise<boolean> {
    const day = chinaDay(this.clock.nowMs());
    const c = await this.counter(accountId, api, day);
    if (c.base + c.pending >= limit) return false;
    c.pending += 1;
    return true;
  }

  /** Today's usage of an API, as quota/get reports it. */
  async usage(accountId: string, api: string): Promise<{ daily_limit: number; used: number; remain: number }> {
    const day = chinaDay(this.clock.nowMs());
    const c = await this.counter(accountId, api, day);
    const limit = dailyLimit(api);
    const used = Math.min(c.base + c.pending, limit);
    return { daily_limit: limit, used, remain: Math.max(0, limit - used) };
  }

  /** Resets today's counters: every API (clear_quota) or one (openapi/quota/clear). */
  async clear(accountId: string, api?: string): Promise<void> {
    await this.flush();
    const day = chinaDay(this.clock.nowMs());
    const where = api
      ? and(eq(apiQuotaUsage.accountId, accountId), eq(apiQuotaUsage.day, day), eq(apiQuotaUsage.api, api))
      : and(eq(apiQuotaUsage.accountId, accountId), eq(apiQuotaUsage.day, day));
    await this.db.update(apiQuotaUsage).set({ used: 0, clearedAt: this.clock.now() }).where(where);
    for (const [k, c] of this.counters) {
      const [acc, a, d] = k.split('\u0000');
      if (acc === accountId && d === day && (!api || a === api)) {
        c.base = 0;
        c.pending = 0;
      }
    }
  }

  /** Writes pending counts. Safe to call concurrently; calls are serialised. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.doFlush()).catch((err: unknown) => this.failures.report(err));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const batch: { accountId: string; api: string; day: string; used: number }[] = [];
    for (const [k, c] of this.counters) {
      if (c.pending === 0) continue;
      const [accountId, api, day] = k.split('\u0000');
      batch.push({ accountId, api, day, used: c.pending });
      c.base += c.pending;
      c.pending = 0;
    }
    if (batch.length === 0) {
      if (this.counters.size > 10_000) this.counters.clear();
      return;
    }
    this.writing = true;
    try {
      await this.write(batch);
    } catch {
      // One row can fail for good (its account was deleted meanwhile): write the rows one by one
      // so the others are kept, and count a row that failed for another reason as pending again.
      for (const b of batch) {
        const failure = await this.write([b]).then(
          () => null,
          (err: unknown) => err,
        );
        if (failure === null || dbErrorCode(failure) === 'foreign_key_violation') continue;
        this.failures.report(failure, { api: b.api, day: b.day, calls: b.used });
        const c = this.counters.get(this.key(b.accountId, b.api, b.day));
        if (c) {
          c.base -= b.used;
          c.pending += b.used;
        }
      }
    } finally {
      this.writing = false;
      this.writes += 1;
    }
  }

  private async write(batch: { accountId: string; api: string; day: string; used: number }[]): Promise<void> {
    await this.db
      .insert(apiQuotaUsage)
      .values(batch)
      .onConflictDoUpdate({
        target: [apiQuotaUsage.accountId, apiQuotaUsage.api, apiQuotaUsage.day],
        set: { used: sql`${apiQuotaUsage.used} + excluded.used` },
      });
  }
}
