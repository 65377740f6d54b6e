import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid, type AccountRow } from '../../accounts/index.js';
import { configuredSince } from '../store.js';

/** How long after a successful wx.config a page may still upload, download and ask for consents. */
export const PAGE_SESSION_MS = 24 * 3600 * 1000;

/**
 * The account of the page a follower has open: the appId of a wx.config that succeeded for this
 * follower within PAGE_SESSION_MS. What a page does with the JS-SDK (upload a picture into the
 * account's media, record a consent) is refused otherwise (403 not_configured), so a phone token
 * alone cannot write into any account.
 */
export async function configuredAccount(services: Pick<Services, 'db' | 'clock'>, userId: string, appid: string): Promise<AccountRow> {
  const account = /^wx[0-9a-f]{16}$/.test(appid) ? await findAccountByAppid(services.db, appid) : undefined;
  const since = new Date(services.clock.nowMs() - PAGE_SESSION_MS);
  if (!account || account.status === 'banned' || !(await configuredSince(services.db, account.id, userId, since))) {
    throw new DomainError('not_configured', 'No page of this account configured the JS-SDK (wx.config) in this browser.');
  }
  return account;
}
