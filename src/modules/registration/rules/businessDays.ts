/**
 * China's business calendar: weekends and public holidays off, swapped weekend days worked
 * (调休). Dates are China calendar dates (UTC+8, no daylight saving). Pure: no I/O.
 */
import type { HolidayTable } from './chinaHolidays.js';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** The China calendar date (YYYY-MM-DD) of an instant. */
export const chinaDateOf = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Whether a China calendar date is a working day under the table. */
export function isBusinessDay(date: string, table: HolidayTable): boolean {
  if (table.workdays.includes(date)) return true;
  if (table.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * When something received at `fromMs` is due when it must be answered within `days` business
 * days: the end (23:59:59.999 China time) of the `days`-th business day after the day it came
 * in. Received on a Friday with 3 days: due at the end of Wednesday (a holiday moves it on).
 */
export function dueAfterBusinessDays(fromMs: number, days: number, table: HolidayTable): number {
  let date = chinaDateOf(fromMs);
  let counted = 0;
  // Bounded: a year of holidays cannot hold more than a few weeks off in a row.
  for (let guard = 0; counted < days && guard < 3660; guard++) {
    date = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    if (isBusinessDay(date, table)) counted += 1;
  }
  return Date.parse(`${date}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS - 1;
}

/**
 * The shipped table with more dates added (an updated year from configuration): a date the
 * addition lists as a working day is one even if the shipped table calls it a holiday.
 */
export function withAddedDays(base: HolidayTable, added: HolidayTable | undefined): HolidayTable {
  if (!added) return base;
  const workdays = new Set([...base.workdays, ...added.workdays]);
  const holidays = [...base.holidays, ...added.holidays].filter((d) => !added.workdays.includes(d));
  return { holidays: [...new Set(holidays)], workdays: [...workdays].filter((d) => !added.holidays.includes(d)) };
}
