/**
 * The web app's one date/time formatter. Herald's calendar is China's (quotas, schedules and the
 * MP backend all count in Asia/Shanghai, UTC+8 all year), so every time is shown in China time
 * whatever the viewer's own zone, and full times name the zone: "2026-12-07 08:01 (UTC+8)" in
 * English, "2026-12-07 08:01（北京时间）" in Chinese.
 */
import { currentLanguage, t } from './index.js';

const SHANGHAI_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['time.month1', 'time.month2', 'time.month3', 'time.month4', 'time.month5', 'time.month6', 'time.month7', 'time.month8', 'time.month9', 'time.month10', 'time.month11', 'time.month12'];

/** The calendar parts of an instant in China time (null when it is not a time). */
export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Days since 1970-01-01 in China: equal numbers are the same China calendar day. */
  dayNumber: number;
}

/** An ISO string, epoch milliseconds or a Date, read as China calendar parts. */
export function chinaParts(when: string | number | Date | null | undefined): ChinaParts | null {
  if (when === null || when === undefined || when === '') return null;
  const ms = typeof when === 'number' ? when : new Date(when).getTime();
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + SHANGHAI_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    dayNumber: Math.floor((ms + SHANGHAI_MS) / 86_400_000),
  };
}

export type TimeStyle =
  /** 2026-12-07 08:01 (UTC+8) */
  | 'full'
  /** 2026-12-07 08:01:13 (UTC+8): logs and deliveries */
  | 'seconds'
  /** 7 Dec 08:01 / 12月7日 08:01: lists whose heading names the zone */
  | 'short'
  /** 2026-12-07 */
  | 'date'
  /** 08:01 */
  | 'time';

/** An instant in China time; '—' when there is none. */
export function formatTime(when: string | number | Date | null | undefined, style: TimeStyle = 'full'): string {
  const p = chinaParts(when);
  if (!p) return '—';
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  switch (style) {
    case 'date':
      return date;
    case 'time':
      return hm;
    case 'short':
      return t('time.short', { monthName: t(MONTHS[p.month - 1]), day: p.day, time: hm });
    case 'seconds':
      return t('time.zoned', { time: `${date} ${hm}:${pad(p.second)}` });
    default:
      return t('time.zoned', { time: `${date} ${hm}` });
  }
}

/** The zone's name on its own, for headings and labels ("China time, UTC+8" / "北京时间"). */
export const zoneName = (): string => t('time.zone');

/** Whether the web app speaks Chinese now (dates read 12月7日 rather than 7 Dec). */
export const isChinese = (): boolean => currentLanguage() === 'zh-CN';
