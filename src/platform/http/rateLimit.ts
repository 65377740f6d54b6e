import type { Clock } from '../clock.js';

interface Window {
  start: number;
  count: number;
}

export interface RateLimitOptions {
  /** Requests allowed per key and window. */
  limit: number;
  windowMs: number;
  /** Most keys remembered; the least recently used go first (floods of random addresses). */
  maxKeys?: number;
}

/**
 * A fixed-window counter per key (a client address, a reader), in memory and per node, bounded
 * in size. {@link take} checks and counts in one synchronous step, so parallel requests count.
 * Reads time from the platform clock.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxKeys: number;

  constructor(
    private readonly clock: Clock,
    private readonly opts: RateLimitOptions,
  ) {
    this.maxKeys = opts.maxKeys ?? 10_000;
  }

  /** Counts one request for the key: 0 when allowed, else the milliseconds until the window ends (not counted). */
  take(key: string): number {
    const now = this.clock.nowMs();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.opts.windowMs) w = { start: now, count: 0 };
    if (w.count >= this.opts.limit) return Math.max(1, w.start + this.opts.windowMs - now);
    w.count += 1;
    this.windows.delete(key);
    this.windows.set(key, w);
    while (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
    return 0;
  }

  /** Number of keys remembered (for tests of the memory bound). */
  get size(): number {
    return this.windows.size;
  }
}
