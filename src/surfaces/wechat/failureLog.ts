/**
 * Reports background write failures (the quota meter's and the request log's flushes) through
 * the app's logger without flooding it: while the database is down every flush fails, several
 * times a second, so one line is written per interval with how many failures it stands for.
 */

/** The part of the app's logger (pino) this needs. */
export interface FailureLogger {
  error(obj: object, msg: string): void;
}

/** One line per minute at most. */
export const FAILURE_LOG_EVERY_MS = 60_000;

export class ThrottledFailureLog {
  private lastAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly log: FailureLogger | undefined,
    private readonly message: string,
    private readonly everyMs = FAILURE_LOG_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs a failure, or counts it when one was logged less than `everyMs` ago. */
  report(err: unknown, details: Record<string, unknown> = {}): void {
    if (!this.log) return;
    const at = this.now();
    if (at - this.lastAt < this.everyMs) {
      this.suppressed += 1;
      return;
    }
    this.log.error({ err, ...details, failuresSinceLastReport: this.suppressed }, this.message);
    this.lastAt = at;
    this.suppressed = 0;
  }
}
