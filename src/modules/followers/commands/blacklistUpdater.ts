import type { Services } from '../../../main/services.js';
import { BLACKLIST_BATCH_MAX } from '../rules/audience.js';
import { addToBlacklist, removeFromBlacklist } from '../store/blacklist.js';
import { followerRefusal } from '../rules/refusals.js';
import { requireFollowers } from '../followerGuard.js';

/**
 * tags/members/batchblacklist and batchunblacklist: blacklists (or releases) up to 20 followers at
 * once, all or nothing. openid_list must hold 1–20 openids (40032); each must be an openid of this
 * account, following or not (40003; 49003 for another account's openid).
 */
export async function updateBlacklist(
  services: Pick<Services, 'db' | 'clock'>,
  accountId: string,
  action: 'add' | 'remove',
  openidList: unknown,
): Promise<void> {
  if (!Array.isArray(openidList) || openidList.length === 0 || openidList.length > BLACKLIST_BATCH_MAX) throw followerRefusal(40032, 'blacklist');
  await requireFollowers(services.db, accountId, openidList, { requireSubscribed: false, foreignErrcode: 49003 });
  const openids = openidList as string[];
  if (action === 'add') await addToBlacklist(services.db, accountId, openids, services.clock.now());
  else await removeFromBlacklist(services.db, accountId, openids);
}
