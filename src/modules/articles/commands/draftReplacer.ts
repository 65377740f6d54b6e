import type { Services } from '../../../main/services.js';
import type { ArticleRow } from '../store/articles.js';
import { deleteGroupArticles, insertGroupArticles, lockNewsGroup, touchNewsGroup } from '../store/newsGroups.js';
import { checkArticleRefs, groupNotFound, newArticleRows, parseGroupArticles } from './newsArticles.js';

/**
 * The console saves a whole draft at once (articles added, removed or reordered): the draft
 * keeps its media_id and gets the new 1 to 8 articles. Only drafts still in the draft box.
 * Throws DomainError with `details.errcode`.
 */
export async function replaceDraft(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; mediaId: string; articles: unknown; forConsole?: boolean; requireThumb?: boolean },
): Promise<ArticleRow[]> {
  const list = parseGroupArticles(services, input.articles, input);
  return services.db.transaction(async (tx) => {
    const group = await lockNewsGroup(tx, input.accountId, input.mediaId);
    if (!group || group.origin !== 'draft' || group.state !== 'draft') throw groupNotFound();
    const now = services.clock.now();
    await checkArticleRefs(tx, now.getTime(), input.accountId, list, { ...input, publicUrl: services.config.publicUrl });
    await deleteGroupArticles(tx, group.id);
    const rows = await insertGroupArticles(tx, group, newArticleRows(list, now));
    await touchNewsGroup(tx, group.id, now);
    return rows;
  });
}
