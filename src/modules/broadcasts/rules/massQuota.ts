import { chinaDay, chinaMonth, nextChinaDayStart, nextChinaMonthStart } from '../../../platform/clock.js';

/**
 * Push-post quotas (reference §6 "Quotas", the product brief): a subscription account may send
 * one push post per China calendar day (Asia/Shanghai), a service account four per China
 * calendar month. Counted: is_to_all and tag sends, console sends, scheduled posts on the day
 * they are scheduled for. Not counted: previews, openid-list sends, posts stopped by moderation
 * or cancelled before sending. Each follower of a service account receives at most four push
 * posts a month from it (the fan-out filters; FilterCount reports it).
 */

export type QuotaPeriod = 'day' | 'month';

/** Push posts a follower of a service account receives from it per China calendar month at most. */
export const PER_FOLLOWER_MONTHLY_LIMIT = 4;

/** Push posts a service account may send per China calendar month. */
export const SERVICE_MONTHLY_POSTS = 4;
/** Push posts a subscription account may send per China calendar day. */
export const SUBSCRIPTION_DAILY_POSTS = 1;

/** The quota rule of an account type. */
export function massQuotaRule(type: string): { period: QuotaPeriod; limit: number } {
  return type === 'service' ? { period: 'month', limit: SERVICE_MONTHLY_POSTS } : { period: 'day', limit: SUBSCRIPTION_DAILY_POSTS };
}

/** The China day and month an instant falls in (a broadcast counts in these). */
export function quotaKeys(ms: number): { chinaDay: string; chinaMonth: string } {
  return { chinaDay: chinaDay(ms), chinaMonth: chinaMonth(ms) };
}

/** When the period containing `ms` ends (the next China day or month starts). */
export function periodEnd(period: QuotaPeriod, ms: number): number {
  return period === 'day' ? nextChinaDayStart(ms) : nextChinaMonthStart(ms);
}

/** What is left of the quota in the period containing an instant, given the posts counted in it. */
export interface QuotaState {
  period: QuotaPeriod;
  used: number;
  limit: number;
  remaining: number;
  /** When another push post becomes possible, when none is left in this period (null otherwise). */
  nextAvailableAt: Date | null;
}

/** The quota state for an account type, `used` posts counted in the period containing `ms`. */
export function quotaState(type: string, used: number, ms: number): QuotaState {
  const { period, limit } = massQuotaRule(type);
  const remaining = Math.max(0, limit - used);
  return { period, used, limit, remaining, nextAvailableAt: remaining > 0 ? null : new Date(periodEnd(period, ms)) };
}
