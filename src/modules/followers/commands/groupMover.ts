import type { Services } from '../../../main/services.js';
import { isSystemTag, TAGGING_BATCH_MAX } from '../rules/audience.js';
import { moveTargetOf, NO_GROUP } from '../rules/groups.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';
import { addTagMembers, findTag, removeGroupTags } from '../store/tags.js';
import { followerRefusal } from '../rules/refusals.js';
import { requireFollowers } from '../followerGuard.js';

/**
 * groups/members/update and groups/members/batchupdate: moves followers to one group, over tags
 * (see domain/groups.ts). Each follower is taken off every other created tag and then tagged with
 * the target; moving to the star group 2 also leaves every created tag, and moving to 0 leaves the
 * star group as well, so groups/getid answers the target afterwards. All or nothing.
 *
 * Checks and errcodes are those of tags/members/batchtagging: 1–50 openids (40032), a known
 * target (45159; 1, the blacklist, is not one), current followers of this account (40003, or
 * 49003 for another account's openid). Runs under the account's tag lock.
 */
export async function moveToGroup(
  services: Pick<Services, 'db' | 'clock'>,
  accountId: string,
  openidList: unknown,
  rawGroupId: unknown,
): Promise<void> {
  if (!Array.isArray(openidList) || openidList.length === 0 || openidList.length > TAGGING_BATCH_MAX) throw followerRefusal(40032);
  const target = moveTargetOf(rawGroupId);
  if (target === undefined) throw followerRefusal(45159);
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'tags', accountId);
    if (!isSystemTag(target) && !(await findTag(tx, accountId, target))) throw followerRefusal(45159);
    await requireFollowers(tx, accountId, openidList, { requireSubscribed: true, foreignErrcode: 49003 });
    const openids = openidList as string[];
    await removeGroupTags(tx, accountId, openids, isSystemTag(target) ? NO_GROUP : target, target === NO_GROUP);
    if (target !== NO_GROUP) await addTagMembers(tx, accountId, target, openids, now);
  });
}
