import type { Services } from '../../../main/services.js';
import { isSystemTag, tagIdOf, tagNameError } from '../rules/audience.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';
import { findTag, findTagByName, setTagName } from '../store/tags.js';
import { followerRefusal } from '../rules/refusals.js';

/**
 * tags/update: renames a tag. System tags 0, 1 and 2 cannot change (45058); an unknown id answers
 * 45159; the new name follows tags/create's rules, and renaming a tag to its own name succeeds.
 */
export async function renameTag(
  services: Pick<Services, 'db'>,
  accountId: string,
  rawId: unknown,
  name: unknown,
): Promise<void> {
  const id = tagIdOf(rawId);
  if (id === undefined) throw followerRefusal(45159);
  if (isSystemTag(id)) throw followerRefusal(45058);
  const nameError = tagNameError(name);
  if (nameError) throw followerRefusal(nameError);
  const tagName = name as string;
  await services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'tags', accountId);
    if (!(await findTag(tx, accountId, id))) throw followerRefusal(45159);
    const other = await findTagByName(tx, accountId, tagName);
    if (other && other.id !== id) throw followerRefusal(45157);
    await setTagName(tx, accountId, id, tagName);
  });
}
