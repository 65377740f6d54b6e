/** Display helpers for the console. */
import { t } from '../i18n/index.js';
import { chinaParts, formatTime } from '../i18n/time.js';
import type { ModerationCategory } from '../../../src/modules/moderation/rules/moderation.js';

/** 2024-05-01 14:03:22 (UTC+8): China time, the zone named (the web app's one formatter). */
export function dateTime(iso: string | null | undefined): string {
  return formatTime(iso, 'seconds');
}

/** 14:03:22 for today (China calendar), the full time otherwise. */
export function shortTime(iso: string | null, now = new Date()): string {
  const d = chinaParts(iso);
  if (!d) return '—';
  const sameDay = d.dayNumber === chinaParts(now)?.dayNumber;
  return sameDay ? formatTime(iso, 'seconds').replace(/^\S+ /, '') : dateTime(iso);
}

/** "3 s ago", "5 min ago" … for freshness hints. */
export function ago(iso: string, nowMs = Date.now()): string {
  const s = Math.max(0, Math.round((nowMs - new Date(iso).getTime()) / 1000));
  if (s < 60) return t('frame.secondsAgo', { n: s });
  if (s < 3600) return t('frame.minutesAgo', { n: Math.floor(s / 60) });
  if (s < 86400) return t('frame.hoursAgo', { n: Math.floor(s / 3600) });
  return t('frame.daysAgo', { n: Math.floor(s / 86400) });
}

export const accountTypeLabel = (type: string) => (type === 'service' ? t('frame.serviceAccount') : t('frame.subscriptionAccount'));

/** A 43-character EncodingAESKey from the browser's secure random source. */
export function randomAesKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely (62 does not divide 256).
  while (out.length < 43) {
    const bytes = crypto.getRandomValues(new Uint8Array(64));
    for (const b of bytes) if (b < 248 && out.length < 43) out.push(alphabet[b % 62]);
  }
  return out.join('');
}

/** A random Token (letters and digits, 3 to 32 characters per WeChat). */
export function randomToken(length = 24): string {
  return randomAesKey().slice(0, length);
}

/** The moderation categories in the reader's words (src/modules/moderation/rules: the ids). */
const MODERATION_WORDS: Record<ModerationCategory, () => string> = {
  political: () => t('admin.catPolitical'),
  adult: () => t('admin.catAdult'),
  gambling: () => t('admin.catGambling'),
  misleading_ads: () => t('admin.catMisleadingAds'),
  copyright: () => t('admin.catCopyright'),
  drugs: () => t('admin.catDrugs'),
};

/** A moderation category in the reader's words; the server's label (English) for a category added later. */
export function moderationLabel(category: string | null | undefined, serverLabel?: string | null): string {
  return (category && MODERATION_WORDS[category as ModerationCategory]?.()) || serverLabel || category || '';
}
