/**
 * The date rules every datacube API shares (reference §12): `begin_date`/`end_date` as
 * `YYYY-MM-DD` China calendar days, data from 2014-12-01, `end_date` no later than yesterday on
 * the Herald clock, and a maximum span per API. Pure: no I/O.
 */
import { refusal } from '../../../protocol/errcodes.js';
import { chinaDay } from '../../../platform/clock.js';
import { DomainError } from '../../../platform/errors.js';

/** WeChat's statistics start on this day; earlier dates are a range error. */
export const FIRST_DAY = '2014-12-01';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** A checked request: the first and last China day, inclusive. */
export interface DayRange {
  begin: string;
  end: string;
}

/** The day number (days since 1970-01-01) of a valid `YYYY-MM-DD`, or undefined. */
export function dayNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a real calendar day reads back unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` of a day number. */
export function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from begin to end inclusive, oldest first. */
export function daysOf(range: DayRange): string[] {
  const from = dayNumber(range.begin) ?? 0;
  const to = dayNumber(range.end) ?? -1;
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(dayOf(n));
  return out;
}

/**
 * Checks a request body's dates: 61500 when a date is missing or not a real `YYYY-MM-DD`
 * day; 61501 when begin is after end, before 2014-12-01, end is today or later (China time),
 * or the range spans more than `maxDays` days.
 */
export function checkRange(body: Record<string, unknown>, maxDays: number, nowMs: number): DayRange {
  const begin = dayNumber(body.begin_date);
  const end = dayNumber(body.end_date);
  if (begin === undefined || end === undefined) throw refusal(61500);
  const yesterday = (dayNumber(chinaDay(nowMs)) as number) - 1;
  if (begin > end || begin < (dayNumber(FIRST_DAY) as number) || end > yesterday || end - begin + 1 > maxDays) throw refusal(61501);
  return { begin: dayOf(begin), end: dayOf(end) };
}

/** The instant a China day starts. */
export function dayStart(day: string): Date {
  return new Date((dayNumber(day) as number) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The instant after a China day ends (the next day's start). */
export function dayEnd(day: string): Date {
  return new Date(((dayNumber(day) as number) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** An hour as WeChat's `ref_hour` writes it: 0, 100, ... 2300 for [00:00, 01:00) ... */
export function refHour(hour: number): number {
  return hour * 100;
}

/** The longest range the console's Data pages show (days, both ends included). */
export const CONSOLE_MAX_DAYS = 92;

/**
 * The range a Data page shows: the last `days` days up to yesterday (China time, on the Herald
 * clock), or `begin`..`end` — real days, begin ≤ end, from 2014-12-01, no later than yesterday,
 * at most CONSOLE_MAX_DAYS. A refusal is a DomainError `invalid_range`.
 */
export function consoleRange(q: { days?: number; begin?: string; end?: string }, nowMs: number): DayRange {
  const yesterday = (dayNumber(chinaDay(nowMs)) as number) - 1;
  if (q.begin === undefined && q.end === undefined) {
    const days = q.days ?? 7;
    return { begin: dayOf(yesterday - days + 1), end: dayOf(yesterday) };
  }
  const begin = dayNumber(q.begin);
  const end = dayNumber(q.end);
  if (begin === undefined || end === undefined) throw new DomainError('invalid_range', 'begin and end are real days written YYYY-MM-DD.');
  if (begin > end) throw new DomainError('invalid_range', 'begin is after end.');
  if (begin < (dayNumber(FIRST_DAY) as number)) throw new DomainError('invalid_range', `Figures start on ${FIRST_DAY}.`);
  if (end > yesterday) throw new DomainError('invalid_range', `Figures run to yesterday (${dayOf(yesterday)}, China time).`);
  if (end - begin + 1 > CONSOLE_MAX_DAYS) throw new DomainError('invalid_range', `A range covers at most ${CONSOLE_MAX_DAYS} days.`);
  return { begin: dayOf(begin), end: dayOf(end) };
}
