import { and, asc, count, desc, eq, inArray, isNotNull, lte, notExists, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles, newsGroups, publishJobs } from '../schema.js';
import { groupPushesOf } from '../ports.js';
import { MEDIA_ID_RE } from '../../media/rules/media.js';
import { ARTICLE_ID_RE } from '../rules/article.js';
import type { ArticleRow, NewArticle } from './articles.js';

/**
 * SQL for news groups: drafts, legacy news materials and uploadnews groups, and the published
 * push posts they become. A group's id is the media_id the APIs use; its articles are rows of
 * `articles` ordered by idx.
 */

export type NewsGroupRow = typeof newsGroups.$inferSelect;
export type NewNewsGroup = typeof newsGroups.$inferInsert;
/** draft | material | uploadnews */
export type NewsGroupOrigin = 'draft' | 'material' | 'uploadnews';
/** draft | publishing | published | sent | deleted */
export type NewsGroupState = 'draft' | 'publishing' | 'published' | 'sent' | 'deleted';

export interface NewsGroupFilter {
  accountId: string;
  /** One origin, several, or any when omitted. */
  origin?: NewsGroupOrigin | NewsGroupOrigin[];
  /** Only groups in these states (any when omitted). */
  states?: NewsGroupState[];
  /** Only groups that carry a freepublish article_id. */
  published?: boolean;
  /** Only groups with at least one article not deleted. */
  live?: boolean;
}

function where(f: NewsGroupFilter): SQL | undefined {
  const conds: SQL[] = [eq(newsGroups.accountId, f.accountId)];
  if (f.origin !== undefined) conds.push(Array.isArray(f.origin) ? inArray(newsGroups.origin, f.origin) : eq(newsGroups.origin, f.origin));
  if (f.states !== undefined) conds.push(inArray(newsGroups.state, f.states));
  if (f.published) conds.push(isNotNull(newsGroups.articleId));
  if (f.live) conds.push(sql`exists (select 1 from ${articles} where ${articles.groupId} = ${newsGroups.id} and not ${articles.isDeleted})`);
  return and(...conds);
}

/** One of the account's news groups; undefined for unknown, malformed or another account's ids. */
export async function findNewsGroup(db: Executor, accountId: string, id: string): Promise<NewsGroupRow | undefined> {
  if (typeof id !== 'string' || !MEDIA_ID_RE.test(id)) return undefined;
  const [row] = await db.select().from(newsGroups).where(and(eq(newsGroups.id, id), eq(newsGroups.accountId, accountId)));
  return row;
}

/** Locks one of the account's news groups for the rest of the transaction (FOR UPDATE). */
export async function lockNewsGroup(db: Executor, accountId: string, id: string): Promise<NewsGroupRow | undefined> {
  if (typeof id !== 'string' || !MEDIA_ID_RE.test(id)) return undefined;
  const [row] = await db
    .select()
    .from(newsGroups)
    .where(and(eq(newsGroups.id, id), eq(newsGroups.accountId, accountId)))
    .for('update');
  return row;
}

/** The group that was published under a freepublish article_id. */
export async function findNewsGroupByArticleId(db: Executor, accountId: string, articleId: string): Promise<NewsGroupRow | undefined> {
  if (typeof articleId !== 'string' || !ARTICLE_ID_RE.test(articleId)) return undefined;
  const [row] = await db.select().from(newsGroups).where(and(eq(newsGroups.articleId, articleId), eq(newsGroups.accountId, accountId)));
  return row;
}

/** A page of the account's news groups, most recently updated first. */
export async function listNewsGroups(db: Executor, f: NewsGroupFilter & { offset: number; count: number }): Promise<NewsGroupRow[]> {
  return db
    .select()
    .from(newsGroups)
    .where(where(f))
    .orderBy(desc(newsGroups.updatedAt), desc(newsGroups.id))
    .offset(Math.max(0, f.offset))
    .limit(Math.max(0, f.count));
}

/** How many of the account's news groups match. */
export async function countNewsGroups(db: Executor, f: NewsGroupFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(newsGroups).where(where(f));
  return Number(row?.n ?? 0);
}

/** A group's articles, lead article first. */
export async function findGroupArticles(db: Executor, groupId: string): Promise<ArticleRow[]> {
  return db.select().from(articles).where(eq(articles.groupId, groupId)).orderBy(asc(articles.idx));
}

/** The articles of several groups, keyed by group id, each list lead article first. */
export async function findArticlesOfGroups(db: Executor, groupIds: readonly string[]): Promise<Map<string, ArticleRow[]>> {
  const out = new Map<string, ArticleRow[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return out;
  const rows = await db.select().from(articles).where(inArray(articles.groupId, [...groupIds])).orderBy(asc(articles.groupId), asc(articles.idx));
  for (const r of rows) out.get(r.groupId)?.push(r);
  return out;
}

/** Records a news group and its articles (idx is each article's position in the list). */
export async function insertNewsGroup(
  db: Executor,
  group: NewNewsGroup,
  groupArticles: Omit<NewArticle, 'groupId' | 'accountId' | 'idx'>[],
): Promise<{ group: NewsGroupRow; articles: ArticleRow[] }> {
  const [inserted] = await db.insert(newsGroups).values(group).returning();
  const rows = groupArticles.length === 0 ? [] : await db
    .insert(articles)
    .values(groupArticles.map((a, idx) => ({ ...a, groupId: inserted.id, accountId: inserted.accountId, idx })))
    .returning();
  rows.sort((a, b) => a.idx - b.idx);
  return { group: inserted, articles: rows };
}

/** Changes a group's state (and, when given, its article_id and msg_data_id); bumps updated_at. */
export async function setNewsGroupState(
  db: Executor,
  groupId: string,
  change: { state: NewsGroupState; articleId?: string; msgDataId?: number },
  now: Date,
): Promise<void> {
  await db
    .update(newsGroups)
    .set({ state: change.state, updatedAt: now, ...(change.articleId !== undefined ? { articleId: change.articleId } : {}), ...(change.msgDataId !== undefined ? { msgDataId: change.msgDataId } : {}) })
    .where(eq(newsGroups.id, groupId));
}

/** Bumps a group's updated_at (an article of it changed). */
export async function touchNewsGroup(db: Executor, groupId: string, now: Date): Promise<void> {
  await db.update(newsGroups).set({ updatedAt: now }).where(eq(newsGroups.id, groupId));
}

/** Removes a group and its articles. Returns whether it existed. */
export async function deleteNewsGroup(db: Executor, accountId: string, groupId: string): Promise<boolean> {
  const rows = await db.delete(newsGroups).where(and(eq(newsGroups.id, groupId), eq(newsGroups.accountId, accountId))).returning({ id: newsGroups.id });
  return rows.length > 0;
}

/** Whether every article of a group is deleted (a published group with nothing left to read). */
export async function groupFullyDeleted(db: Executor, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ left: sql<number>`count(*) filter (where not ${articles.isDeleted})` })
    .from(articles)
    .where(eq(articles.groupId, groupId));
  return Number(row?.left ?? 0) === 0;
}

/** Removes every article of a group (before the console stores a whole new set). */
export async function deleteGroupArticles(db: Executor, groupId: string): Promise<void> {
  await db.delete(articles).where(eq(articles.groupId, groupId));
}

/** Stores articles in an existing group (idx is each article's position in the list). */
export async function insertGroupArticles(
  db: Executor,
  group: Pick<NewsGroupRow, 'id' | 'accountId'>,
  groupArticles: Omit<NewArticle, 'groupId' | 'accountId' | 'idx'>[],
): Promise<ArticleRow[]> {
  if (groupArticles.length === 0) return [];
  const rows = await db
    .insert(articles)
    .values(groupArticles.map((a, idx) => ({ ...a, groupId: group.id, accountId: group.accountId, idx })))
    .returning();
  return rows.sort((a, b) => a.idx - b.idx);
}

/**
 * Removes up to `limit` media/uploadnews groups (and their articles) whose 3 days ended by
 * `before`. A group any push post or preview points at is kept, whatever its state: queued and
 * scheduled posts still send it, and the history, the phone and the article pages read it after.
 * Each group is taken by one caller (skip locked), so several nodes may sweep at once; a group a
 * transaction is just attaching to a post (its foreign-key check locks the row) is skipped.
 * Returns how many groups were removed.
 */
export async function deleteExpiredUploadNews(db: Executor, before: Date, limit: number): Promise<number> {
  const due = db
    .select({ id: newsGroups.id })
    .from(newsGroups)
    .where(and(
      eq(newsGroups.origin, 'uploadnews'),
      isNotNull(newsGroups.expiresAt),
      lte(newsGroups.expiresAt, before),
      notExists(groupPushesOf().carrying(db, newsGroups.id)),
      notExists(db.select({ one: sql`1` }).from(publishJobs).where(eq(publishJobs.groupId, newsGroups.id))),
    ))
    .limit(Math.max(0, limit))
    .for('update', { skipLocked: true });
  const rows = await db.delete(newsGroups).where(sql`${newsGroups.id} in (${due})`).returning({ id: newsGroups.id });
  return rows.length;
}

/**
 * Removes a news material. One that was never sent goes with its articles; one that was
 * mass-sent or published keeps its articles (readers still open them) and only leaves the
 * material library (state 'deleted'). Returns whether there was such a news material.
 */
export async function removeNewsMaterial(db: Executor, accountId: string, groupId: string, now: Date): Promise<boolean> {
  const where = and(eq(newsGroups.id, groupId), eq(newsGroups.accountId, accountId), eq(newsGroups.origin, 'material'));
  const [deleted] = await db.delete(newsGroups).where(and(where, eq(newsGroups.state, 'draft'))).returning({ id: newsGroups.id });
  if (deleted) return true;
  const [hidden] = await db
    .update(newsGroups)
    .set({ state: 'deleted', updatedAt: now })
    .where(and(where, sql`${newsGroups.state} <> 'deleted'`))
    .returning({ id: newsGroups.id });
  return hidden !== undefined;
}
