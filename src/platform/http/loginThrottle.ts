import type { Clock } from '../clock.js';
import type { LoginAttempts } from '../../modules/operators/commands/operatorLogin.js';

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
  /** How long an address that signed in to an account stays known for that account. */
  knownAddressMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 5,
  freeFailuresPerIp: 50,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  maxKeys: 10_000,
  knownAddressMs: 30 * 24 * 3600 * 1000,
};

/**
 * In-memory login throttle with exponential backoff (1 s doubling, capped at 15 min), kept per
 * node: several web nodes each keep their own (see docs/SECURITY.md, "Login throttling").
 *
 * Three counters are consulted: the account (email), the client address, and the pair of both.
 * {@link begin} checks and counts an attempt in one synchronous step before any password hashing,
 * so parallel attempts are counted as they arrive: with 100 parallel logins, only the first
 * `freeFailures + 1` reach the hash and the rest are refused, the right password among them too.
 * A success clears the account's, the address's and the pair's counters.
 *
 * The account-wide counter is a back-off, never a permanent lock, and it does not apply to an
 * address that signed in to that account within {@link ThrottleOptions.knownAddressMs}: a
 * guesser elsewhere cannot keep a known operator out. The pair counter still slows guessing from
 * such an address.
 */
export class LoginThrottle implements LoginAttempts {
  private readonly entries = new Map<string, Entry>();
  /** `email|ip` → time of the last success. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly opts: ThrottleOptions = DEFAULT_THROTTLE,
  ) {}

  retryAfterMs(email: string, ip: string): number {
    const now = this.clock.nowMs();
    const waits = this.keysOf(email, ip, now).map(([key]) => {
      const e = this.entry(key, now);
      return e ? Math.max(0, e.lockedUntil - now) : 0;
    });
    return Math.max(0, ...waits);
  }

  /**
   * Checks and counts one attempt (as a failure until {@link succeeded} says otherwise).
   * Returns 0 when the attempt may go on, or the milliseconds to wait (the attempt is then
   * not counted, so hammering a locked account does not lengthen its lock).
   */
  begin(email: string, ip: string): number {
    const wait = this.retryAfterMs(email, ip);
    if (wait > 0) return wait;
    this.failed(email, ip);
    return 0;
  }

  failed(email: string, ip: string): void {
    const now = this.clock.nowMs();
    for (const [key, free] of this.keysOf(email, ip, now)) this.bump(key, free, now);
  }

  succeeded(email: string, ip?: string): void {
    this.entries.delete(`e:${email}`);
    if (ip === undefined) return;
    this.entries.delete(`ip:${ip}`);
    this.entries.delete(`p:${email}|${ip}`);
    const pair = `${email}|${ip}`;
    this.known.delete(pair);
    this.known.set(pair, this.clock.nowMs());
    while (this.known.size > this.opts.maxKeys) {
      const oldest = this.known.keys().next().value;
      if (oldest === undefined) break;
      this.known.delete(oldest);
    }
  }

  /** Number of keys remembered (for tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  /** The counters an attempt is checked against, with their free failures. */
  private keysOf(email: string, ip: string, now: number): [string, number][] {
    const keys: [string, number][] = [
      [`ip:${ip}`, this.opts.freeFailuresPerIp],
      [`p:${email}|${ip}`, this.opts.freeFailures],
    ];
    const knownAt = this.known.get(`${email}|${ip}`);
    if (knownAt === undefined || now - knownAt > this.opts.knownAddressMs) keys.push([`e:${email}`, this.opts.freeFailures]);
    return keys;
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
