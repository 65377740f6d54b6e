import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, boolean, integer, jsonb, index, uniqueIndex, bigserial, bigint, pgSequence } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

/** msg_data_id values (publishes and mpnews mass sends share one sequence, as on WeChat). */
export const msgDataIdSeq = pgSequence('msg_data_id_seq', { startWith: 2247483649 });

/**
 * A group of 1 to 8 articles: a draft (draft/add), a legacy news material (material/add_news),
 * a temporary news for mass send (media/uploadnews, kept 3 days), or, once published or
 * mass-sent, the published push post. The id is the media_id the APIs use.
 */
export const newsGroups = pgTable('news_groups', {
  id: text('id').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** draft | material | uploadnews */
  origin: text('origin').notNull(),
  /** draft | publishing | published | sent | deleted */
  state: text('state').notNull().default('draft'),
  /** The freepublish article_id, once published. */
  articleId: text('article_id'),
  /** msg_data_id of the publish or mass send that carried it. */
  msgDataId: bigint('msg_data_id', { mode: 'number' }),
  /** media/uploadnews groups expire after 3 days. */
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  index('news_groups_account_idx').on(t.accountId, t.origin, t.state, t.updatedAt),
  uniqueIndex('news_groups_article_id_uq').on(t.articleId),
]);

/** One article of a news group. The id is the public page id: /s/<id>. */
export const articles = pgTable('articles', {
  id: text('id').primaryKey(),
  groupId: text('group_id').notNull().references(() => newsGroups.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** 0-based position in the group (the lead article is 0). */
  idx: integer('idx').notNull(),
  /** news | newspic */
  articleType: text('article_type').notNull().default('news'),
  title: text('title').notNull(),
  author: text('author').notNull().default(''),
  digest: text('digest').notNull().default(''),
  /** Sanitized article HTML (src/domain/articleHtml.ts). */
  content: text('content').notNull().default(''),
  contentSourceUrl: text('content_source_url').notNull().default(''),
  thumbMediaId: text('thumb_media_id').notNull().default(''),
  showCoverPic: integer('show_cover_pic').notNull().default(0),
  needOpenComment: integer('need_open_comment').notNull().default(0),
  onlyFansCanComment: integer('only_fans_can_comment').notNull().default(0),
  picCrop2351: text('pic_crop_235_1').notNull().default(''),
  picCrop11: text('pic_crop_1_1').notNull().default(''),
  /** newspic: {image_list:[{image_media_id}]} */
  imageInfo: jsonb('image_info'),
  /** Declared original content. */
  original: boolean('original').notNull().default(false),
  /** For an original article: whether others may repost it (with attribution). */
  canReprint: boolean('can_reprint').notNull().default(true),
  /** The original article this one reposts (attribution shown on its page). */
  reprintOf: text('reprint_of'),
  /** Reader donations (only on original articles). */
  donationsEnabled: boolean('donations_enabled').notNull().default(false),
  /** Platform-served ad slots in the article. */
  adsEnabled: boolean('ads_enabled').notNull().default(false),
  isDeleted: boolean('is_deleted').notNull().default(false),
  publishedAt: ts('published_at'),
  readCount: integer('read_count').notNull().default(0),
  likeCount: integer('like_count').notNull().default(0),
  wowCount: integer('wow_count').notNull().default(0),
  shareCount: integer('share_count').notNull().default(0),
  commentCount: integer('comment_count').notNull().default(0),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  uniqueIndex('articles_group_idx_uq').on(t.groupId, t.idx),
  index('articles_account_published_idx').on(t.accountId, t.publishedAt),
  index('articles_published_idx').on(t.publishedAt),
]);

/** freepublish/submit jobs; the id is the publish_id. */
export const publishJobs = pgTable('publish_jobs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  groupId: text('group_id').notNull().references(() => newsGroups.id, { onDelete: 'cascade' }),
  /** publish_status: 0 success, 1 publishing, 2 originality failure, 3 failure, 4 rejected by review, 5 deleted, 6 banned */
  status: integer('status').notNull().default(1),
  articleId: text('article_id'),
  msgDataId: bigint('msg_data_id', { mode: 'number' }).notNull(),
  failIdx: jsonb('fail_idx').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: ts('created_at').notNull(),
  finishedAt: ts('finished_at'),
}, (t) => [index('publish_jobs_account_idx').on(t.accountId, t.createdAt), index('publish_jobs_pending_idx').on(t.status)]);
