import type { Services } from '../../../main/services.js';
import { MAX_TAGS, tagNameError } from '../rules/audience.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';
import { countTags, findTagByName, insertTag, nextTagId, type TagRecord } from '../store/tags.js';
import { followerRefusal } from '../rules/refusals.js';

/**
 * tags/create: creates a tag, numbered from 100. The name must be 1–30 UTF-8 bytes (45157 empty,
 * 45158 too long) and not taken by another tag or a system tag (45157); an account has at most
 * 100 tags (45056). Runs under a per-account lock so the limit and the numbering hold under
 * concurrent calls.
 */
export async function createTag(services: Pick<Services, 'db' | 'clock'>, accountId: string, name: unknown): Promise<TagRecord> {
  const nameError = tagNameError(name);
  if (nameError) throw followerRefusal(nameError);
  const tagName = name as string;
  return services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'tags', accountId);
    if (await findTagByName(tx, accountId, tagName)) throw followerRefusal(45157);
    if ((await countTags(tx, accountId)) >= MAX_TAGS) throw followerRefusal(45056);
    const id = await nextTagId(tx, accountId);
    await insertTag(tx, accountId, id, tagName, services.clock.now());
    return { id, name: tagName };
  });
}
