/**
 * Push quotas and schedules follow the China calendar (Asia/Shanghai, UTC+8 all year), so the
 * composer shows and takes those times in China time whatever the operator's own time zone.
 */

const SHANGHAI_MS = 8 * 3600 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "25 Nov 00:00" in China time. */
export function chinaShort(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '—';
  const d = new Date(ms + SHANGHAI_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2026-11-25 10:30:05" in China time, for detail views. */
export function chinaFull(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + SHANGHAI_MS).toISOString().slice(0, 19).replace('T', ' ');
}

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
