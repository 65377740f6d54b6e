import type { Services } from '../../../main/services.js';
import { remarkAcceptable } from '../rules/audience.js';
import { setRemark } from '../store/audience.js';
import { followerRefusal } from '../rules/refusals.js';
import { requireFollowers } from '../followerGuard.js';

/**
 * user/info/updateremark: sets the remark the account keeps on a follower. The remark must be
 * shorter than 30 characters (40092); an empty remark clears it. The openid must be a current
 * follower of the account (40003).
 */
export async function updateRemark(services: Pick<Services, 'db'>, accountId: string, openid: unknown, remark: string): Promise<void> {
  await requireFollowers(services.db, accountId, [openid], { requireSubscribed: true, foreignErrcode: 40003 });
  if (!remarkAcceptable(remark)) throw followerRefusal(40092);
  await setRemark(services.db, accountId, openid as string, remark);
}
