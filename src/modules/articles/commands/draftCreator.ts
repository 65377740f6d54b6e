import type { Services } from '../../../main/services.js';
import type { ArticleRow } from '../store/articles.js';
import type { NewsGroupRow } from '../store/newsGroups.js';
import { createNewsGroup } from './newsArticles.js';

/**
 * An account saves a new draft (draft/add, the console's editor): 1 to 8 articles validated
 * with WeChat's field rules, covers checked against the account's materials. The console may
 * save a draft without a cover (`requireThumb: false`); publishing then asks for one.
 * Throws DomainError with `details.errcode` for a refused article.
 */
export async function createDraft(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; articles: unknown; forConsole?: boolean; requireThumb?: boolean },
): Promise<{ group: NewsGroupRow; articles: ArticleRow[] }> {
  return createNewsGroup(services, { ...input, origin: 'draft' });
}
