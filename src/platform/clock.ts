/**
 * The one source of "now". Every time rule (token expiry, quotas per China calendar day,
 * the 48-hour window, QR expiry, push quotas) reads this clock, never Date.now().
 *
 * In emulator mode the clock can be advanced (time travel); the offset is persisted by the
 * caller (see store/settings.ts) so it survives restarts.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the platform sees it. */
  nowMs(): number;
  now(): Date;
  /** Unix seconds. */
  nowSec(): number;
  /** True when this clock can be moved (emulator mode). */
  readonly adjustable: boolean;
  /** Current offset from the wall clock, in ms (0 for the real clock). */
  offsetMs(): number;
  /** Moves time forward by ms. Throws on a clock that is not adjustable. */
  advance(ms: number): void;
  /** Sets the absolute offset (used when restoring persisted state). */
  setOffset(ms: number): void;
  /**
   * Calls `listener` right after each move of the clock (advance, setOffset), so something timed
   * in Herald time (the typing indicator) can react at once. Listeners run inside the caller of
   * advance and must not throw. Returns the function that stops listening.
   */
  onMove(listener: () => void): () => void;
}

export class SystemClock implements Clock {
  readonly adjustable: boolean;
  private offset = 0;
  private readonly moveListeners = new Set<() => void>();
  constructor(opts: { adjustable?: boolean; offsetMs?: number } = {}) {
    this.adjustable = opts.adjustable ?? false;
    this.offset = opts.offsetMs ?? 0;
  }
  nowMs(): number {
    return Date.now() + this.offset;
  }
  now(): Date {
    return new Date(this.nowMs());
  }
  nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }
  offsetMs(): number {
    return this.offset;
  }
  advance(ms: number): void {
    if (!this.adjustable) throw new Error('clock is not adjustable in platform mode');
    if (!Number.isFinite(ms) || ms < 0) throw new Error('clock can only move forward');
    this.offset += ms;
    this.moved();
  }
  setOffset(ms: number): void {
    if (!this.adjustable && ms !== 0) throw new Error('clock is not adjustable in platform mode');
    this.offset = ms;
    this.moved();
  }
  onMove(listener: () => void): () => void {
    this.moveListeners.add(listener);
    return () => this.moveListeners.delete(listener);
  }
  private moved(): void {
    for (const listener of [...this.moveListeners]) listener();
  }
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // Asia/Shanghai has no DST.

/** China calendar day of an instant, as YYYY-MM-DD (Asia/Shanghai). */
export function chinaDay(ms: number): string {
  // Called on every metered API call: the day's text is kept until the day changes.
  const day = Math.floor((ms + SHANGHAI_OFFSET_MS) / 86_400_000);
  if (day !== lastChinaDay.day) lastChinaDay = { day, text: new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) };
  return lastChinaDay.text;
}
let lastChinaDay = { day: Number.NaN, text: '' };

/** China calendar month of an instant, as YYYY-MM (Asia/Shanghai). */
export function chinaMonth(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The instant the next China calendar day starts. */
export function nextChinaDayStart(ms: number): number {
  const day = Math.floor((ms + SHANGHAI_OFFSET_MS) / 86_400_000);
  return (day + 1) * 86_400_000 - SHANGHAI_OFFSET_MS;
}

/** The instant the next China calendar month starts. */
export function nextChinaMonthStart(ms: number): number {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - SHANGHAI_OFFSET_MS;
}
