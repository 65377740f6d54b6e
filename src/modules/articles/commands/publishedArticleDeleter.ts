import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findNewsGroupByArticleId, groupFullyDeleted } from '../store/newsGroups.js';
import { findArticlesByGroup, markArticlesDeleted } from '../store/articles.js';
import { markPublishDeleted } from '../store/publishJobs.js';

/**
 * An account deletes a published article (freepublish/delete): `index` is 1-based, and 0 or
 * omitted deletes every article of the publish. The pages then say the article was deleted;
 * once none is left the publish reads publish_status 5. 53600 for an unknown article_id,
 * 40060 for a position the publish does not have.
 */
export async function deletePublishedArticle(
  services: Pick<Services, 'db' | 'clock'>,
  input: { accountId: string; articleId: string; index?: unknown },
): Promise<void> {
  const raw = input.index ?? 0;
  const index = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : raw;
  await services.db.transaction(async (tx) => {
    const group = await findNewsGroupByArticleId(tx, input.accountId, input.articleId);
    if (!group) throw new DomainError('not_found', 'No such published article.', { errcode: 53600 });
    const articles = await findArticlesByGroup(tx, group.id);
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > articles.length) {
      throw new DomainError('invalid_index', `index must be 1 to ${articles.length}, or 0 for all.`, { errcode: 40060 });
    }
    const now = services.clock.now();
    await markArticlesDeleted(tx, group.id, index === 0 ? null : index - 1, now);
    if (await groupFullyDeleted(tx, group.id)) await markPublishDeleted(tx, group.id);
  });
}
