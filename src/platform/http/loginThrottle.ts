import type { Clock } from '../clock.js';

/**
 * Remembers failed logins to slow down guessing. The console keeps one in memory
 * (this file's LoginThrottle); the command only asks and reports.
 */
export interface LoginAttempts {
  /** Milliseconds until another attempt for this email or address is allowed (0 = now). */
  retryAfterMs(email: string, ip: string): number;
  failed(email: string, ip: string): void;
  succeeded(email: string): void;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastAt: number;
}

export interface ThrottleOptions {
  /** Failures per email allowed before delays start. */
  freeFailures: number;
  /** Failures per client address allowed before delays start (guessing across many emails). */
  freeFailuresPerIp: number;
  /** First delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key idle this long starts over. */
  forgetAfterMs: number;
  /** Most keys remembered; the least recently used go first (hostile floods of random emails). */
  maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 5,
  freeFailuresPerIp: 50,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  maxKeys: 10_000,
};

/**
 * In-memory login throttle with exponential backoff, per email and per client address.
 * Reads time from the platform clock. Memory is bounded; a restart forgets everything,
 * which is acceptable for slowing down online guessing.
 */
export class LoginThrottle implements LoginAttempts {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly opts: ThrottleOptions = DEFAULT_THROTTLE,
  ) {}

  retryAfterMs(email: string, ip: string): number {
    const now = this.clock.nowMs();
    const waits = [this.entry(`e:${email}`, now), this.entry(`ip:${ip}`, now)].map((e) => (e ? Math.max(0, e.lockedUntil - now) : 0));
    return Math.max(...waits);
  }

  failed(email: string, ip: string): void {
    const now = this.clock.nowMs();
    this.bump(`e:${email}`, this.opts.freeFailures, now);
    this.bump(`ip:${ip}`, this.opts.freeFailuresPerIp, now);
  }

  succeeded(email: string): void {
    this.entries.delete(`e:${email}`);
  }

  /** Number of keys remembered (for tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  private entry(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.lastAt > this.opts.forgetAfterMs && now >= e.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private bump(key: string, free: number, now: number): void {
    const e = this.entry(key, now) ?? { failures: 0, lockedUntil: 0, lastAt: now };
    e.failures += 1;
    e.lastAt = now;
    if (e.failures > free) {
      const delay = Math.min(this.opts.baseDelayMs * 2 ** Math.min(e.failures - free - 1, 30), this.opts.maxDelayMs);
      e.lockedUntil = now + delay;
    }
    // Re-insert so Map order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > this.opts.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
