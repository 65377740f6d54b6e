import type { Services } from '../../../main/services.js';
import type { ArticleRow } from '../store/articles.js';
import type { NewsGroupRow } from '../store/newsGroups.js';
import { createNewsGroup } from './newsArticles.js';

/**
 * An account adds a permanent news material (the legacy material/add_news, superseded by
 * drafts but still used): 1 to 8 articles with WeChat's field rules. Listed by
 * batchget_material type news. Throws DomainError with `details.errcode`.
 */
export async function addNewsMaterial(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; articles: unknown; forConsole?: boolean },
): Promise<{ group: NewsGroupRow; articles: ArticleRow[] }> {
  return createNewsGroup(services, { ...input, origin: 'material' });
}
