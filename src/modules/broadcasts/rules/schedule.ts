import { chinaDay, chinaMonth, nextChinaDayStart } from '../../../platform/clock.js';
import { massQuotaRule } from './massQuota.js';

/**
 * When a push post may be scheduled (定时群发): from five minutes to seven days ahead, as on
 * WeChat, and only into a China day (subscription accounts) or month (service accounts) whose
 * push quota is not used up. The console offers only these times and the route refuses others.
 */

/** A scheduled push goes out five minutes from now at the earliest. */
export const SCHEDULE_MIN_MS = 5 * 60_000;
/** ... and seven days from now at the latest. */
export const SCHEDULE_MAX_MS = 7 * 86_400_000;
/** The composer offers times on this step (China time). */
export const SCHEDULE_STEP_MS = 30 * 60_000;

/** A stretch of one China day into which a push post may be scheduled: [from, to]. */
export interface ScheduleWindow {
  /** The China day (YYYY-MM-DD). */
  day: string;
  from: number;
  to: number;
}

/** The quota period key (China day or month) an instant counts in, for an account type. */
export function quotaPeriodKey(type: string, ms: number): string {
  return massQuotaRule(type).period === 'day' ? chinaDay(ms) : chinaMonth(ms);
}

/** The quota period keys the scheduling range from `nowMs` touches (to count their posts). */
export function schedulePeriodKeys(type: string, nowMs: number): string[] {
  const keys = new Set<string>();
  for (let ms = nowMs + SCHEDULE_MIN_MS; ms <= nowMs + SCHEDULE_MAX_MS; ms = nextChinaDayStart(ms)) keys.add(quotaPeriodKey(type, ms));
  return [...keys];
}

/**
 * The China days (parts of them) into which a push post may be scheduled from `nowMs`, given
 * the posts already counted in each quota period (`used`, keyed as quotaPeriodKey). Days whose
 * period has no quota left are left out.
 */
export function scheduleWindows(type: string, nowMs: number, used: Record<string, number>): ScheduleWindow[] {
  const { limit } = massQuotaRule(type);
  const start = nowMs + SCHEDULE_MIN_MS;
  const end = nowMs + SCHEDULE_MAX_MS;
  const out: ScheduleWindow[] = [];
  for (let from = start; from <= end; from = nextChinaDayStart(from)) {
    const to = Math.min(nextChinaDayStart(from) - 1, end);
    if ((used[quotaPeriodKey(type, from)] ?? 0) < limit) out.push({ day: chinaDay(from), from, to });
  }
  return out;
}

/** Why a time may not be scheduled (null when it may): too early, too late, or no quota left. */
export function scheduleRefusal(type: string, nowMs: number, atMs: number, used: Record<string, number>): 'too_early' | 'too_late' | 'no_quota' | null {
  // Half a minute of slack: the operator picked the time a moment ago.
  if (atMs < nowMs + SCHEDULE_MIN_MS - 30_000) return 'too_early';
  if (atMs > nowMs + SCHEDULE_MAX_MS) return 'too_late';
  if ((used[quotaPeriodKey(type, atMs)] ?? 0) >= massQuotaRule(type).limit) return 'no_quota';
  return null;
}

/** The times on the step within a window, earliest first. */
export function scheduleSlots(w: Pick<ScheduleWindow, 'from' | 'to'>): number[] {
  const out: number[] = [];
  for (let ms = Math.ceil(w.from / SCHEDULE_STEP_MS) * SCHEDULE_STEP_MS; ms <= w.to; ms += SCHEDULE_STEP_MS) out.push(ms);
  return out;
}
