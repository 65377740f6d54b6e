import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles } from '../schema.js';

/** A published article as the account's home lists it. */
export interface RecentPost {
  id: string;
  title: string;
  publishedAt: Date;
  readCount: number;
  likeCount: number;
}

/** The account's latest published articles (not deleted), newest first. */
export async function recentPosts(db: Executor, accountId: string, limit: number): Promise<RecentPost[]> {
  const rows = await db
    .select({ id: articles.id, title: articles.title, publishedAt: articles.publishedAt, readCount: articles.readCount, likeCount: articles.likeCount })
    .from(articles)
    .where(and(eq(articles.accountId, accountId), isNotNull(articles.publishedAt), eq(articles.isDeleted, false)))
    .orderBy(desc(articles.publishedAt), articles.idx)
    .limit(limit);
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt as Date }));
}

/** Reads of all the account's published articles together (reads are counted, not dated). */
export async function totalReads(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${articles.readCount}), 0)`.mapWith(Number) })
    .from(articles)
    .where(and(eq(articles.accountId, accountId), isNotNull(articles.publishedAt), eq(articles.isDeleted, false)));
  return row?.n ?? 0;
}
