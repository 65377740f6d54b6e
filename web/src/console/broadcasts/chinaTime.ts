/**
 * Push quotas and schedules follow the China calendar (Asia/Shanghai, UTC+8 all year), so the
 * composer shows and takes those times in China time whatever the operator's own time zone.
 */
import { formatTime } from '../../i18n/time.js';

const SHANGHAI_MS = 8 * 3600 * 1000;

/** "25 Nov 00:00" (English) or "11月25日 00:00" (Chinese) in China time. */
export const chinaShort = (iso: string | null | undefined): string => formatTime(iso, 'short');

/** "2026-11-25 10:30:05 (UTC+8)" in China time, for detail views. */
export const chinaFull = (iso: string | null | undefined): string => formatTime(iso, 'seconds');

/** The value of a datetime-local input (YYYY-MM-DDTHH:mm) showing this instant in China time. */
export function toChinaInput(ms: number): string {
  return new Date(ms + SHANGHAI_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as China time, as an ISO instant (null when it is not a time). */
export function fromChinaInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - SHANGHAI_MS;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
