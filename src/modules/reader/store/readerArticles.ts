import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { articleReactions } from '../schema.js';
import { articles, newsGroups } from '../../articles/schema.js';
import { ARTICLE_ID_RE } from '../../articles/rules/article.js';
import type { ReactionKind, ShareTarget } from '../rules.js';
import type { ArticleRow } from '../../articles/index.js';

/**
 * SQL for what readers do to articles: reads, likes and "Wow", shares, and the lists the public
 * pages need (an article with its account, the sitemap). Counters on `articles` change in the
 * same statement as the rows they count, so they stay exact under concurrent readers.
 */

/** An article with the name and AppID of its account, for pages and the phone. */
export interface ArticleWithAccount {
  article: ArticleRow;
  accountName: string;
  appid: string;
  /** Whether the account may be read in mainland China (accounts' region rule). */
  mainlandVisible: boolean;
}

/** An article and its account; undefined for unknown or malformed ids. */
export async function findArticleWithAccount(db: Executor, id: string): Promise<ArticleWithAccount | undefined> {
  if (typeof id !== 'string' || !ARTICLE_ID_RE.test(id)) return undefined;
  const [row] = await db
    .select({ article: articles, accountName: accounts.name, appid: accounts.appid, mainlandVisible: accounts.mainlandVisible })
    .from(articles)
    .innerJoin(accounts, eq(accounts.id, articles.accountId))
    .where(eq(articles.id, id));
  return row;
}

/** Counts one read of a page. */
export async function addRead(db: Executor, id: string): Promise<void> {
  await db.update(articles).set({ readCount: sql`${articles.readCount} + 1` }).where(eq(articles.id, id));
}

const COUNTER: Record<ReactionKind, string> = { like: 'like_count', wow: 'wow_count' };

export interface ReactionCounts {
  likeCount: number;
  wowCount: number;
}

/**
 * Turns a reader's like or "Wow" on or off. Idempotent: the counter moves only when a row was
 * really inserted or deleted, in the same statement. Returns the counters after the change.
 */
export async function setReaction(db: Executor, input: { articleId: string; userId: string; kind: ReactionKind; on: boolean; now: Date }): Promise<ReactionCounts> {
  const col = sql.raw(COUNTER[input.kind]);
  const change = input.on
    ? sql`insert into article_reactions (article_id, user_id, kind, created_at)
          values (${input.articleId}, ${input.userId}::uuid, ${input.kind}, ${input.now.toISOString()}::timestamptz)
          on conflict do nothing returning 1`
    : sql`delete from article_reactions where article_id = ${input.articleId} and user_id = ${input.userId}::uuid and kind = ${input.kind} returning 1`;
  const sign = input.on ? sql`+` : sql`-`;
  const res = await db.execute(sql`
    with changed as (${change})
    update articles set ${col} = greatest(0, ${col} ${sign} (select count(*) from changed)::int)
    where id = ${input.articleId}
    returning like_count, wow_count`);
  const rows = ((res as unknown as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as { like_count: number; wow_count: number }[];
  return { likeCount: Number(rows[0]?.like_count ?? 0), wowCount: Number(rows[0]?.wow_count ?? 0) };
}

/** Which reactions a reader has on an article. */
export async function readerReactions(db: Executor, articleId: string, userId: string): Promise<{ liked: boolean; wowed: boolean }> {
  const rows = await db
    .select({ kind: articleReactions.kind })
    .from(articleReactions)
    .where(and(eq(articleReactions.articleId, articleId), eq(articleReactions.userId, userId)));
  return { liked: rows.some((r) => r.kind === 'like'), wowed: rows.some((r) => r.kind === 'wow') };
}

/** Records a share and counts it, in one statement. Returns the new share count. */
export async function addShare(db: Executor, input: { articleId: string; userId: string; target: ShareTarget; now: Date }): Promise<number> {
  const res = await db.execute(sql`
    with s as (
      insert into article_shares (article_id, user_id, target, created_at)
      values (${input.articleId}, ${input.userId}::uuid, ${input.target}, ${input.now.toISOString()}::timestamptz)
      returning 1
    )
    update articles set share_count = share_count + (select count(*) from s)::int
    where id = ${input.articleId}
    returning share_count`);
  const rows = ((res as unknown as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as { share_count: number }[];
  return Number(rows[0]?.share_count ?? 0);
}

/** One sitemap entry: a published, not deleted article. */
export interface SitemapEntry {
  id: string;
  lastmod: Date;
}

/** Published, not deleted articles in id order, a page of them. */
export async function listSitemapArticles(db: Executor, opts: { offset: number; limit: number }): Promise<SitemapEntry[]> {
  const rows = await db
    .select({ id: articles.id, updatedAt: articles.updatedAt, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(isNotNull(articles.publishedAt), eq(articles.isDeleted, false)))
    .orderBy(asc(articles.id))
    .offset(opts.offset)
    .limit(opts.limit);
  return rows.map((r) => ({ id: r.id, lastmod: r.publishedAt && r.publishedAt > r.updatedAt ? r.publishedAt : r.updatedAt }));
}

/** How many articles the sitemap lists. */
export async function countSitemapArticles(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(articles)
    .where(and(isNotNull(articles.publishedAt), eq(articles.isDeleted, false)));
  return Number(row?.n ?? 0);
}

/** The last change within each page of `size` sitemap entries (for the sitemap index). */
export async function sitemapPages(db: Executor, size: number): Promise<{ page: number; lastmod: Date }[]> {
  const res = await db.execute(sql`
    with ordered as (
      select id, greatest(updated_at, published_at) as m, (row_number() over (order by id) - 1) / ${size} as page
      from articles where published_at is not null and not is_deleted
    )
    select page, max(m) as lastmod from ordered group by page order by page`);
  const rows = ((res as unknown as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as { page: number | string; lastmod: string | Date }[];
  return rows.map((r) => ({ page: Number(r.page), lastmod: new Date(r.lastmod) }));
}

/** The news group an account published or mass-sent under a msg_data_id. */
export async function findGroupByMsgDataId(db: Executor, accountId: string, msgDataId: number) {
  const [row] = await db
    .select()
    .from(newsGroups)
    .where(and(eq(newsGroups.accountId, accountId), eq(newsGroups.msgDataId, msgDataId)))
    .orderBy(desc(newsGroups.updatedAt))
    .limit(1);
  return row;
}

/**
 * Opens or closes comments on an article (comment/open, comment/close) and, when given, sets
 * whether only followers may comment.
 */
export async function setCommentsOpen(db: Executor, articleId: string, open: boolean, now: Date, followersOnly?: boolean): Promise<void> {
  const only = followersOnly === undefined ? {} : { onlyFansCanComment: followersOnly ? 1 : 0 };
  await db.update(articles).set({ needOpenComment: open ? 1 : 0, ...only, updatedAt: now }).where(eq(articles.id, articleId));
}
