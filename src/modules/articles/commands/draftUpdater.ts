import type { Services } from '../../../main/services.js';
import type { ArticleRow } from '../store/articles.js';
import { lockNewsGroup } from '../store/newsGroups.js';
import { groupNotFound, replaceArticleAt } from './newsArticles.js';

/**
 * An account changes one article of a draft (draft/update): `index` is 0-based (0 is the lead
 * article). Only drafts still in the draft box can change: a published or mass-sent one has
 * left it (40007). Throws DomainError with `details.errcode`.
 */
export async function updateDraft(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; mediaId: string; index: unknown; article: unknown; forConsole?: boolean; requireThumb?: boolean },
): Promise<ArticleRow> {
  return services.db.transaction(async (tx) => {
    const group = await lockNewsGroup(tx, input.accountId, input.mediaId);
    if (!group || group.origin !== 'draft' || group.state !== 'draft') throw groupNotFound();
    return replaceArticleAt(tx, services, { ...input, group });
  });
}
