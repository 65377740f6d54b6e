/**
 * Article test data written straight to the database: a news group and its articles, published
 * (or not), so page, reader, comment and revenue tests need no drafts or publishing flow.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/platform/db/connect.js';
import { articles, newsGroups } from '../../src/modules/articles/schema.js';
import { newArticleId, newPublishedArticleId } from '../../src/modules/articles/rules/article.js';
import { newMediaId } from '../../src/modules/media/rules/media.js';

export type ArticleRowT = typeof articles.$inferSelect;
export type NewsGroupRowT = typeof newsGroups.$inferSelect;

/** Fields of one article a test may set; everything else gets a readable default. */
export type ArticleOverrides = Partial<Omit<typeof articles.$inferInsert, 'groupId' | 'accountId' | 'idx'>>;

export interface MakeArticleOptions extends ArticleOverrides {
  accountId: string;
  /** Default true: published_at set (to `publishedAt` or now) and the group 'published' with a msg_data_id. */
  published?: boolean;
  /** More articles after the lead one, in the same group (idx 1, 2 ...). */
  more?: ArticleOverrides[];
  /** The group's state (default 'published', or 'draft' when not published). */
  state?: 'draft' | 'publishing' | 'published' | 'sent' | 'deleted';
}

export interface MadeArticle {
  /** The lead article (idx 0). */
  article: ArticleRowT;
  /** Every article of the group, lead first. */
  articles: ArticleRowT[];
  group: NewsGroupRowT;
  /** The group's msg_data_id (null when not published). */
  msgDataId: number | null;
}

/**
 * Makes a news group with one article (or more) for an account, published by default.
 * `makePublishedArticle(db, {accountId, title: 'x', original: true, donationsEnabled: true})`.
 */
export async function makePublishedArticle(db: Executor, opts: MakeArticleOptions): Promise<MadeArticle> {
  const { accountId, published = true, more = [], state, ...lead } = opts;
  const now = new Date();
  const publishedAt = published ? (lead.publishedAt ?? now) : null;
  let msgDataId: number | null = null;
  if (published) {
    const rows = await db.execute(sql`select nextval('msg_data_id_seq')::bigint as id`);
    const list = (rows as unknown as { rows?: { id: string | number }[] }).rows ?? (rows as unknown as { id: string | number }[]);
    msgDataId = Number(list[0].id);
  }
  const [group] = await db
    .insert(newsGroups)
    .values({
      id: newMediaId(),
      accountId,
      origin: 'draft',
      state: state ?? (published ? 'published' : 'draft'),
      articleId: published ? newPublishedArticleId() : null,
      msgDataId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const all = [lead, ...more].map((a, idx) => ({
    id: newArticleId(),
    title: `Article ${randomBytes(2).toString('hex')}`,
    author: 'Author',
    digest: 'A short digest.',
    content: '<p>Hello, readers.</p>',
    ...a,
    groupId: group.id,
    accountId,
    idx,
    publishedAt: a.publishedAt === undefined ? publishedAt : a.publishedAt,
    createdAt: a.createdAt ?? now,
    updatedAt: a.updatedAt ?? now,
  }));
  const rows = await db.insert(articles).values(all).returning();
  rows.sort((x, y) => x.idx - y.idx);
  return { article: rows[0], articles: rows, group, msgDataId };
}
