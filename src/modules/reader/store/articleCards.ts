import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles, newsGroups } from '../../articles/schema.js';
import { ARTICLE_ID_RE } from '../../articles/rules/article.js';
import { articleUrlFor } from '../../articles/rules/articleUrl.js';
import { mediaUrl } from '../../media/rules/media.js';
import type { ArticleCard } from '../../messaging/index.js';


/**
 * The lead article (the first not deleted) of what the account published under a freepublish
 * `article_id`, as a news card; undefined when there is no such public article (never
 * published, deleted, another account's, or a malformed id).
 */
export async function findPublishedArticleCard(db: Executor, publicUrl: string, accountId: string, articleId: string): Promise<ArticleCard | undefined> {
  if (typeof articleId !== 'string' || !ARTICLE_ID_RE.test(articleId)) return undefined;
  const [row] = await db
    .select({
      id: articles.id, title: articles.title, digest: articles.digest, thumbMediaId: articles.thumbMediaId,
      author: articles.author, showCover: articles.showCoverPic, sourceUrl: articles.contentSourceUrl,
    })
    .from(articles)
    .innerJoin(newsGroups, eq(newsGroups.id, articles.groupId))
    .where(and(
      eq(newsGroups.accountId, accountId),
      eq(newsGroups.articleId, articleId),
      inArray(newsGroups.state, ['published', 'sent']),
      isNotNull(articles.publishedAt),
      eq(articles.isDeleted, false),
    ))
    .orderBy(asc(articles.idx))
    .limit(1);
  if (!row) return undefined;
  return {
    title: row.title,
    description: row.digest,
    url: articleUrlFor(publicUrl, row.id),
    picurl: row.thumbMediaId ? mediaUrl(publicUrl, row.thumbMediaId) : '',
    author: row.author,
    showCover: row.showCover === 1 ? 1 : 0,
    sourceUrl: row.sourceUrl,
  };
}
