import type { Services } from '../../../main/services.js';
import { isSystemTag, tagIdOf, TAG_DELETE_MAX_FOLLOWERS } from '../rules/audience.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';
import { countTagMembersUpTo, deleteTagWithMemberships, findTag } from '../store/tags.js';
import { followerRefusal } from '../rules/refusals.js';

/**
 * tags/delete: deletes a tag and takes it off every follower. System tags cannot be deleted
 * (45058), an unknown id answers 45159, and a tag on more than 100,000 followers answers 45057
 * (WeChat asks to untag them first).
 */
export async function deleteTag(services: Pick<Services, 'db'>, accountId: string, rawId: unknown): Promise<void> {
  const id = tagIdOf(rawId);
  if (id === undefined) throw followerRefusal(45159);
  if (isSystemTag(id)) throw followerRefusal(45058);
  await services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'tags', accountId);
    if (!(await findTag(tx, accountId, id))) throw followerRefusal(45159);
    if ((await countTagMembersUpTo(tx, accountId, id, TAG_DELETE_MAX_FOLLOWERS)) > TAG_DELETE_MAX_FOLLOWERS) throw followerRefusal(45057);
    await deleteTagWithMemberships(tx, accountId, id);
  });
}
