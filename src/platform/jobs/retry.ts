/**
 * Retry and backoff, declared per kind of delivery (a callback to a developer's server, a payment
 * notification ...): the waits between attempts, nothing else. Pure: no clock, no I/O.
 */

/** Retry and backoff of one kind of delivery: the wait before each further attempt. */
export interface RetryPolicy {
  /** Waits in milliseconds: `delaysMs[0]` before the 2nd attempt, `delaysMs[1]` before the 3rd ... */
  readonly delaysMs: readonly number[];
  /** Attempts in all: the first plus one per delay. */
  readonly maxAttempts: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration such as `15s`, `3m`, `3min`, `6h`, `0s` (whole numbers only). */
export function durationMs(text: string): number {
  const m = /^(\d{1,9})(ms|s|min|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: "${text}" (use 15s, 3m, 6h ...)`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** Declares a retry schedule from its waits, e.g. `retryPolicy(['15s', '15s', '30s', '3m'])`. */
export function retryPolicy(delays: readonly string[]): RetryPolicy {
  const delaysMs = delays.map(durationMs);
  return { delaysMs, maxAttempts: delaysMs.length + 1 };
}

/**
 * When attempt `attemptNo + 1` is due after attempt `attemptNo` (1-based) ended at `endedAtMs`,
 * or null when `attemptNo` was the last one allowed.
 */
export function nextAttemptAtMs(policy: RetryPolicy, attemptNo: number, endedAtMs: number): number | null {
  if (!Number.isInteger(attemptNo) || attemptNo < 1 || attemptNo >= policy.maxAttempts) return null;
  return endedAtMs + policy.delaysMs[attemptNo - 1];
}
