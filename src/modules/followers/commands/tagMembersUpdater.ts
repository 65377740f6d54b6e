import type { Services } from '../../../main/services.js';
import { isSystemTag, isTaggableSystemTag, MAX_TAGS_PER_FOLLOWER, tagIdOf, TAGGING_BATCH_MAX } from '../rules/audience.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';
import { addTagMembers, findTag, removeTagMembers, tagIdsOf } from '../store/tags.js';
import { followerRefusal } from '../rules/refusals.js';
import { requireFollowers } from '../followerGuard.js';

/**
 * tags/members/batchtagging and batchuntagging: puts a tag on (or takes it off) up to 50
 * followers at once, all or nothing.
 *
 * openid_list must hold 1–50 openids (40032); the tag must exist (45159; the star group 2 is
 * usable, 0 and 1 are not); every openid must be a follower of this account (40003, or 49003 for
 * another account's openid); tagging stops at 20 tags per follower (45059). Runs under the
 * account's tag lock, so the 20-tag limit holds under concurrent calls.
 */
export async function updateTagMembers(
  services: Pick<Services, 'db' | 'clock'>,
  accountId: string,
  action: 'tag' | 'untag',
  openidList: unknown,
  rawTagId: unknown,
): Promise<void> {
  if (!Array.isArray(openidList) || openidList.length === 0 || openidList.length > TAGGING_BATCH_MAX) throw followerRefusal(40032);
  const tagId = tagIdOf(rawTagId);
  if (tagId === undefined || (isSystemTag(tagId) && !isTaggableSystemTag(tagId))) throw followerRefusal(45159);
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'tags', accountId);
    if (!isSystemTag(tagId) && !(await findTag(tx, accountId, tagId))) throw followerRefusal(45159);
    await requireFollowers(tx, accountId, openidList, { requireSubscribed: action === 'tag', foreignErrcode: 49003 });
    const openids = openidList as string[];
    if (action === 'untag') {
      await removeTagMembers(tx, accountId, tagId, openids);
      return;
    }
    const current = await tagIdsOf(tx, accountId, openids);
    for (const openid of new Set(openids)) {
      const has = current.get(openid) ?? [];
      if (!has.includes(tagId) && has.length + 1 > MAX_TAGS_PER_FOLLOWER) throw followerRefusal(45059);
    }
    await addTagMembers(tx, accountId, tagId, openids, now);
  });
}
