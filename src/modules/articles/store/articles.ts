import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles } from '../schema.js';
import { ARTICLE_ID_RE } from '../rules/article.js';

/** SQL for single articles of news groups (their content, publication and deletion). */

export type ArticleRow = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;

/** An article by its page id; undefined for unknown or malformed ids (never a database error). */
export async function findArticle(db: Executor, id: string): Promise<ArticleRow | undefined> {
  if (typeof id !== 'string' || !ARTICLE_ID_RE.test(id)) return undefined;
  const [row] = await db.select().from(articles).where(eq(articles.id, id));
  return row;
}

/** A group's articles, lead article first. */
export async function findArticlesByGroup(db: Executor, groupId: string): Promise<ArticleRow[]> {
  return db.select().from(articles).where(eq(articles.groupId, groupId)).orderBy(asc(articles.idx));
}

/** The article at a 0-based position of a group. */
export async function findArticleAt(db: Executor, groupId: string, idx: number): Promise<ArticleRow | undefined> {
  const [row] = await db.select().from(articles).where(and(eq(articles.groupId, groupId), eq(articles.idx, idx)));
  return row;
}

/** The editable fields of an article (everything a draft or news material update may change). */
export type ArticleContent = Omit<NewArticle, 'id' | 'groupId' | 'accountId' | 'idx' | 'createdAt' | 'updatedAt'
  | 'isDeleted' | 'publishedAt' | 'readCount' | 'likeCount' | 'wowCount' | 'shareCount' | 'commentCount'>;

/** Replaces the content of the article at a 0-based position. Returns the updated row. */
export async function updateArticleAt(db: Executor, groupId: string, idx: number, content: ArticleContent, now: Date): Promise<ArticleRow | undefined> {
  const [row] = await db
    .update(articles)
    .set({ ...content, updatedAt: now })
    .where(and(eq(articles.groupId, groupId), eq(articles.idx, idx)))
    .returning();
  return row;
}

/**
 * Marks a group's articles as published at `now` (articles already published keep their time:
 * a group mass-sent after it was published stays published when it first was).
 */
export async function markPublished(db: Executor, groupId: string, now: Date): Promise<ArticleRow[]> {
  await db
    .update(articles)
    .set({ publishedAt: now, updatedAt: now })
    .where(and(eq(articles.groupId, groupId), isNull(articles.publishedAt)));
  return findArticlesByGroup(db, groupId);
}

/**
 * Marks a group's articles deleted (freepublish/delete): the one at a 0-based position, or all
 * when idx is null. Their pages then say the article was deleted. Returns how many changed.
 */
export async function markArticlesDeleted(db: Executor, groupId: string, idx: number | null, now: Date): Promise<number> {
  const rows = await db
    .update(articles)
    .set({ isDeleted: true, updatedAt: now })
    .where(and(eq(articles.groupId, groupId), eq(articles.isDeleted, false), ...(idx === null ? [] : [eq(articles.idx, idx)])))
    .returning({ id: articles.id });
  return rows.length;
}
