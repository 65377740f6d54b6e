/**
 * Article analysis (getarticle*, getuserread*, getusershare*) from the reader module's records:
 * each share of an article (article_shares) and the daily read log (account_daily_reads). Herald
 * records reads as a count per account and day, not per reader, article or hour.
 */
import { and, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articles, newsGroups } from '../../articles/schema.js';
import { accountDailyReads, articleShares as s } from '../../reader/schema.js';
import { caseOf, hourOf, NO_HOUR, periodOf } from './period.js';
import { OTHER_SHARE_SCENE, SHARE_SCENE_OF } from '../rules/codes.js';

/** WeChat's share_scene per phone share target (reference §12): 1 friend forward, 2 moments, 255 other. */
const SHARE_SCENE: SQL<number> = caseOf(s.target, SHARE_SCENE_OF, OTHER_SHARE_SCENE);

export interface ShareRow {
  refDate: string;
  refHour?: number;
  shareScene: number;
  shareCount: number;
  shareUser: number;
}

/** Shares of the account's articles per China day (and hour) and share scene, in [from, to). */
export async function sharesByScene(db: Executor, accountId: string, from: Date, to: Date, byHour = false): Promise<ShareRow[]> {
  const refDate = periodOf(s.createdAt, 'day');
  const hour = byHour ? hourOf(s.createdAt) : NO_HOUR;
  const rows = await db
    .select({ refDate, hour, scene: SHARE_SCENE, shareCount: sql<number>`count(*)::int`, shareUser: sql<number>`count(distinct ${s.userId})::int` })
    .from(s)
    .innerJoin(articles, eq(articles.id, s.articleId))
    .where(and(eq(articles.accountId, accountId), gte(s.createdAt, from), lt(s.createdAt, to)))
    .groupBy(refDate, hour, SHARE_SCENE)
    .orderBy(refDate, hour, SHARE_SCENE);
  return rows.map((r) => ({
    refDate: r.refDate,
    ...(byHour ? { refHour: Number(r.hour) } : {}),
    shareScene: Number(r.scene),
    shareCount: Number(r.shareCount),
    shareUser: Number(r.shareUser),
  }));
}

export interface ShareTotal {
  key: string;
  shareCount: number;
  shareUser: number;
}

/** Shares (all scenes) per China day, or per China day and hour (`key` "YYYY-MM-DD HH"). */
export async function sharesTotal(db: Executor, accountId: string, from: Date, to: Date, byHour = false): Promise<ShareTotal[]> {
  const refDate = periodOf(s.createdAt, 'day');
  const hour = byHour ? hourOf(s.createdAt) : NO_HOUR;
  const rows = await db
    .select({ refDate, hour, shareCount: sql<number>`count(*)::int`, shareUser: sql<number>`count(distinct ${s.userId})::int` })
    .from(s)
    .innerJoin(articles, eq(articles.id, s.articleId))
    .where(and(eq(articles.accountId, accountId), gte(s.createdAt, from), lt(s.createdAt, to)))
    .groupBy(refDate, hour);
  return rows.map((r) => ({ key: byHour ? `${r.refDate} ${Number(r.hour)}` : r.refDate, shareCount: Number(r.shareCount), shareUser: Number(r.shareUser) }));
}

/** Article page reads per China day from the read log, days from..to inclusive. */
export async function readsByDay(db: Executor, accountId: string, fromDay: string, toDay: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ day: accountDailyReads.day, reads: accountDailyReads.reads })
    .from(accountDailyReads)
    .where(and(eq(accountDailyReads.accountId, accountId), gte(accountDailyReads.day, fromDay), lte(accountDailyReads.day, toDay)));
  return new Map(rows.map((r) => [r.day, Number(r.reads)]));
}

export interface ArticleRef {
  id: string;
  msgid: string;
  title: string;
}

/** The account's published articles: those published in [from, to) and, with `sharedToo`, those shared in it. */
export async function articlesOf(db: Executor, accountId: string, from: Date, to: Date, sharedToo: boolean): Promise<ArticleRef[]> {
  const shared = sharedToo
    ? sql`or exists (select 1 from ${s} where ${s.articleId} = ${articles.id} and ${s.createdAt} >= ${from.toISOString()}::timestamptz and ${s.createdAt} < ${to.toISOString()}::timestamptz)`
    : sql``;
  const rows = await db
    .select({ id: articles.id, idx: articles.idx, title: articles.title, msgDataId: newsGroups.msgDataId })
    .from(articles)
    .innerJoin(newsGroups, eq(newsGroups.id, articles.groupId))
    .where(
      and(
        eq(articles.accountId, accountId),
        sql`${newsGroups.msgDataId} is not null`,
        sql`((${articles.publishedAt} >= ${from.toISOString()}::timestamptz and ${articles.publishedAt} < ${to.toISOString()}::timestamptz) ${shared})`,
      ),
    )
    .orderBy(newsGroups.msgDataId, articles.idx);
  return rows.map((r) => ({ id: r.id, msgid: `${r.msgDataId}_${r.idx + 1}`, title: r.title }));
}

/** Shares of each given article per China day, in [from, to): key "articleId day". */
export async function sharesPerArticleDay(db: Executor, ids: string[], from: Date, to: Date): Promise<Map<string, { shareCount: number; shareUser: number }>> {
  if (ids.length === 0) return new Map();
  const refDate = periodOf(s.createdAt, 'day');
  const rows = await db
    .select({ articleId: s.articleId, refDate, shareCount: sql<number>`count(*)::int`, shareUser: sql<number>`count(distinct ${s.userId})::int` })
    .from(s)
    .where(and(sql`${s.articleId} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`, gte(s.createdAt, from), lt(s.createdAt, to)))
    .groupBy(s.articleId, refDate);
  return new Map(rows.map((r) => [`${r.articleId} ${r.refDate}`, { shareCount: Number(r.shareCount), shareUser: Number(r.shareUser) }]));
}
