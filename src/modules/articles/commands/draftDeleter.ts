import type { Services } from '../../../main/services.js';
import { deleteNewsGroup, lockNewsGroup } from '../store/newsGroups.js';
import { groupNotFound } from './newsArticles.js';

/**
 * An account deletes a draft (draft/delete). Only drafts still in the draft box: a published
 * or mass-sent draft has left it, and its articles stay readable (40007).
 */
export async function deleteDraft(services: Pick<Services, 'db'>, input: { accountId: string; mediaId: string }): Promise<void> {
  await services.db.transaction(async (tx) => {
    const group = await lockNewsGroup(tx, input.accountId, input.mediaId);
    if (!group || group.origin !== 'draft' || group.state !== 'draft') throw groupNotFound();
    await deleteNewsGroup(tx, input.accountId, group.id);
  });
}
