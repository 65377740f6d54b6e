/**
 * Times as WeChat shows them on the follower's phone, in the phone's own time zone: 14:05 today,
 * Yesterday (昨天), a weekday this week, else a date.
 */
import { t } from '../../i18n/index.js';

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['phoneKit.sunday', 'phoneKit.monday', 'phoneKit.tuesday', 'phoneKit.wednesday', 'phoneKit.thursday', 'phoneKit.friday', 'phoneKit.saturday'];

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The chat list's time column. */
export function listTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const days = Math.round((startOfDay(now) - startOfDay(d)) / 86_400_000);
  if (days <= 0) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (days === 1) return t('phoneKit.yesterday');
  if (days < 7) return t(WEEKDAYS[d.getDay()]);
  return `${d.getFullYear() % 100}/${d.getMonth() + 1}/${d.getDate()}`;
}

/** The centred time stamp between messages in a conversation. */
export function chatTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const days = Math.round((startOfDay(now) - startOfDay(d)) / 86_400_000);
  if (days <= 0) return hm;
  if (days === 1) return `${t('phoneKit.yesterday')} ${hm}`;
  if (days < 7) return `${t(WEEKDAYS[d.getDay()])} ${hm}`;
  return `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()} ${hm}`;
}

/** Whether a time stamp goes before a message: the first, or after a gap of five minutes. */
export function needsStamp(prevIso: string | undefined, iso: string): boolean {
  if (!prevIso) return true;
  return new Date(iso).getTime() - new Date(prevIso).getTime() >= 5 * 60_000;
}

/** Unread counts as WeChat's red badge shows them. */
export const badgeText = (n: number) => (n > 99 ? '99+' : String(n));
