import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { adEvents, donations } from './schema.js';
import { articles } from '../articles/schema.js';
import { followerUsers } from '../followers/schema.js';
import { getSetting } from '../../platform/db/settings.js';
import { ADS_CATALOG_KEY, normalizeCatalog, type AdsCatalog } from './rules.js';

/** SQL for money around articles: reader donations, ad impressions and clicks, and the account's totals. */

export type DonationRow = typeof donations.$inferSelect;

/** Records a paid donation. */
export async function insertDonation(
  db: Executor,
  input: { articleId: string; accountId: string; userId: string; amountFen: number; message: string; now: Date },
): Promise<DonationRow> {
  const [row] = await db
    .insert(donations)
    .values({ articleId: input.articleId, accountId: input.accountId, userId: input.userId, amountFen: input.amountFen, message: input.message, createdAt: input.now })
    .returning();
  return row;
}

/** Records an ad impression or click with the revenue it earned. */
export async function insertAdEvent(
  db: Executor,
  input: { articleId: string; accountId: string; adId: string; kind: 'impression' | 'click'; revenueFen: number; now: Date },
): Promise<void> {
  await db.insert(adEvents).values({ ...input, createdAt: input.now });
}

/** The ads catalog (settings key `ads.catalog`), or the defaults. */
export async function loadAdsCatalog(db: Executor): Promise<AdsCatalog> {
  return normalizeCatalog(await getSetting<unknown>(db, ADS_CATALOG_KEY));
}

export interface DonationTotals {
  totalFen: number;
  count: number;
  byArticle: { articleId: string; title: string; count: number; totalFen: number }[];
  recent: { id: number; articleId: string; articleTitle: string; amountFen: number; message: string; createdAt: Date; donor: string | null }[];
}

/** Paid donations to an account since `since`: totals, per article (largest first) and the latest 20. */
export async function donationTotals(db: Executor, accountId: string, since: Date): Promise<DonationTotals> {
  const where = and(eq(donations.accountId, accountId), eq(donations.status, 'paid'), gte(donations.createdAt, since));
  const [totals] = await db
    .select({ total: sql<number>`coalesce(sum(${donations.amountFen}), 0)::bigint`, n: sql<number>`count(*)::int` })
    .from(donations)
    .where(where);
  const byArticle = await db
    .select({ articleId: donations.articleId, title: articles.title, n: sql<number>`count(*)::int`, total: sql<number>`sum(${donations.amountFen})::bigint` })
    .from(donations)
    .innerJoin(articles, eq(articles.id, donations.articleId))
    .where(where)
    .groupBy(donations.articleId, articles.title)
    .orderBy(desc(sql`sum(${donations.amountFen})`), donations.articleId);
  const recent = await db
    .select({ d: donations, title: articles.title, donor: followerUsers.nickname })
    .from(donations)
    .innerJoin(articles, eq(articles.id, donations.articleId))
    .leftJoin(followerUsers, eq(followerUsers.id, donations.userId))
    .where(where)
    .orderBy(desc(donations.createdAt), desc(donations.id))
    .limit(20);
  return {
    totalFen: Number(totals?.total ?? 0),
    count: Number(totals?.n ?? 0),
    byArticle: byArticle.map((r) => ({ articleId: r.articleId, title: r.title, count: Number(r.n), totalFen: Number(r.total) })),
    recent: recent.map((r) => ({
      id: r.d.id,
      articleId: r.d.articleId,
      articleTitle: r.title,
      amountFen: r.d.amountFen,
      message: r.d.message,
      createdAt: r.d.createdAt,
      donor: r.donor ?? null,
    })),
  };
}

export interface AdDay {
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  day: string;
  impressions: number;
  clicks: number;
  revenueFen: number;
}

/** Ad events of an account since `since`, per Asia/Shanghai day (days without events left out). */
export async function adTotalsByDay(db: Executor, accountId: string, since: Date): Promise<AdDay[]> {
  // Asia/Shanghai is UTC+8 all year (no DST); shifting UTC avoids depending on the server's tz data.
  const day = sql<string>`to_char((${adEvents.createdAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      impressions: sql<number>`count(*) filter (where ${adEvents.kind} = 'impression')::int`,
      clicks: sql<number>`count(*) filter (where ${adEvents.kind} = 'click')::int`,
      revenue: sql<number>`coalesce(sum(${adEvents.revenueFen}), 0)::bigint`,
    })
    .from(adEvents)
    .where(and(eq(adEvents.accountId, accountId), gte(adEvents.createdAt, since)))
    .groupBy(day)
    .orderBy(day);
  return rows.map((r) => ({ day: r.day, impressions: Number(r.impressions), clicks: Number(r.clicks), revenueFen: Number(r.revenue) }));
}

/** Paid donations per article (fen), keyed by article id. */
export async function donationsOfArticles(db: Executor, articleIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .select({ articleId: donations.articleId, total: sql<number>`coalesce(sum(${donations.amountFen}), 0)::bigint` })
    .from(donations)
    .where(and(inArray(donations.articleId, [...articleIds]), eq(donations.status, 'paid')))
    .groupBy(donations.articleId);
  for (const r of rows) if (r.articleId) out.set(r.articleId, Number(r.total));
  return out;
}
