import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/index.js';
import { countQuotaPosts } from '../store/broadcasts.js';
import { massQuotaRule, quotaKeys, quotaState, type QuotaPeriod } from '../rules/massQuota.js';

/** An account's push-post quota now, for the console composer. */
export interface MassQuotaStatus {
  type: string;
  period: QuotaPeriod;
  used: number;
  limit: number;
  remaining: number;
  /** When the next push post is possible, when none is left now; null otherwise. */
  nextAvailableAt: Date | null;
}

/** Push posts counted in the quota period (China day or month) containing `atMs`. */
export async function usedInPeriod(db: Executor, account: { id: string; type: string }, atMs: number): Promise<number> {
  const keys = quotaKeys(atMs);
  return massQuotaRule(account.type).period === 'day'
    ? countQuotaPosts(db, account.id, { day: keys.chinaDay })
    : countQuotaPosts(db, account.id, { month: keys.chinaMonth });
}

/**
 * How many push posts the account may still send in the current China day (subscription
 * accounts, 1) or month (service accounts, 4), and when the next one is possible if none is left.
 */
export async function massQuotaStatus(services: Pick<Services, 'db' | 'clock'>, accountId: string): Promise<MassQuotaStatus> {
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const now = services.clock.nowMs();
  const state = quotaState(account.type, await usedInPeriod(services.db, account, now), now);
  return { type: account.type, ...state };
}
