import type { Services } from '../../../main/services.js';
import { chinaMonth } from '../../../platform/clock.js';
import { QUOTA_CLEARS_PER_MONTH } from '../../../surfaces/wechat/apiTable/index.js';
import { takeQuotaClear } from '../store/quotaClears.js';
import { DomainError } from '../../../platform/errors.js';

/**
 * Clears today's API call counters of an account: every API (clear_quota, clear_quota/v2) or one
 * (openapi/quota/clear). Each clear uses one of the account's 10 per China calendar month; the
 * allowance is shared by every way of clearing, as WeChat shares it between the MP backend and
 * the API. The allowance is taken first, so a clear that races another never exceeds it.
 *
 * Throws DomainError('quota_clear_limit') once the month's clears are used up.
 */
export async function clearApiQuota(services: Pick<Services, 'db' | 'clock' | 'quotas'>, accountId: string, api?: string): Promise<void> {
  const month = chinaMonth(services.clock.nowMs());
  if (!(await takeQuotaClear(services.db, accountId, month, QUOTA_CLEARS_PER_MONTH))) {
    throw new DomainError('quota_clear_limit', `quota may be cleared ${QUOTA_CLEARS_PER_MONTH} times per month`, undefined, { errcode: 48006 });
  }
  await services.quotas.clear(accountId, api);
}
