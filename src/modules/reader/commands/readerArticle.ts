import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { isReadable } from '../rules.js';
import { findArticleWithAccount, type ArticleWithAccount } from '../store/readerArticles.js';

/**
 * The article a reader acts on: published and not deleted, or a clear error (404 for unknown
 * and unpublished ids, 410 `article_deleted` for articles their author deleted).
 */
export async function readableArticle(db: Executor, id: string): Promise<ArticleWithAccount> {
  const found = await findArticleWithAccount(db, id);
  if (!found || found.article.publishedAt === null) throw new DomainError('not_found', 'Article not found.');
  if (!isReadable(found.article)) throw new DomainError('article_deleted', 'The author deleted this article.');
  return found;
}
