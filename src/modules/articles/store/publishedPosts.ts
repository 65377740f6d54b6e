import { and, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles, newsGroups } from '../schema.js';
import type { NewsGroupRow } from './newsGroups.js';

/**
 * SQL for what an account has made public (发表记录): news groups published without a
 * notification (freepublish, state 'published') and push posts that reached followers (state
 * 'sent'), in one list ordered by when their articles went public, newest first. The push post
 * that carried each comes from the broadcasts module (`ports.ts`, `groupPushesOf`).
 */

/** When a group's articles went public (the earliest publication time among them). */
const publicAt = sql<Date>`(select min(${articles.publishedAt}) from ${articles} where ${articles.groupId} = ${newsGroups.id})`;

function publicGroups(accountId: string): SQL | undefined {
  return and(
    eq(newsGroups.accountId, accountId),
    inArray(newsGroups.state, ['published', 'sent']),
    sql`exists (select 1 from ${articles} where ${articles.groupId} = ${newsGroups.id} and ${articles.publishedAt} is not null)`,
  );
}

/** A page of the account's public news groups, most recently made public first. */
export async function listPublicGroups(db: Executor, accountId: string, page: { offset: number; count: number }): Promise<NewsGroupRow[]> {
  return db
    .select()
    .from(newsGroups)
    .where(publicGroups(accountId))
    .orderBy(desc(publicAt), desc(newsGroups.id))
    .offset(Math.max(0, page.offset))
    .limit(Math.max(0, page.count));
}

/** How many news groups the account has made public. */
export async function countPublicGroups(db: Executor, accountId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(newsGroups).where(publicGroups(accountId));
  return Number(row?.n ?? 0);
}

/** The account's public articles not deleted, newest first (the phone profile's 历史消息). */
export async function listPublicArticles(db: Executor, accountId: string, limit: number) {
  return db
    .select({ id: articles.id, idx: articles.idx, groupId: articles.groupId, title: articles.title, digest: articles.digest, thumbMediaId: articles.thumbMediaId, publishedAt: articles.publishedAt })
    .from(articles)
    .innerJoin(newsGroups, eq(newsGroups.id, articles.groupId))
    .where(and(eq(articles.accountId, accountId), isNotNull(articles.publishedAt), eq(articles.isDeleted, false), inArray(newsGroups.state, ['published', 'sent'])))
    .orderBy(desc(articles.publishedAt), desc(articles.groupId), articles.idx)
    .limit(Math.max(0, Math.min(limit, 100)));
}
