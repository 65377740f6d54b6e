import type { Services } from '../../../main/services.js';
import type { ArticleRow } from '../store/articles.js';
import { lockNewsGroup } from '../store/newsGroups.js';
import { groupNotFound, replaceArticleAt } from './newsArticles.js';

/**
 * An account changes one article of a news material (material/update_news): `index` is
 * 0-based. A material removed from the library (state 'deleted') cannot change (40007).
 * Throws DomainError with `details.errcode`.
 */
export async function updateNewsMaterial(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; mediaId: string; index: unknown; article: unknown; forConsole?: boolean },
): Promise<ArticleRow> {
  return services.db.transaction(async (tx) => {
    const group = await lockNewsGroup(tx, input.accountId, input.mediaId);
    if (!group || group.origin !== 'material' || group.state === 'deleted') throw groupNotFound();
    return replaceArticleAt(tx, services, { ...input, group });
  });
}
