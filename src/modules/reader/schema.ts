import { pgTable, text, uuid, boolean, integer, primaryKey, index, bigserial, bigint, date } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { articles } from '../articles/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/** Likes and "Wow" (在看) by readers: one of each per reader and article. */
export const articleReactions = pgTable('article_reactions', {
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  /** like | wow */
  kind: text('kind').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.articleId, t.userId, t.kind] })]);

/** Reader comments; the id is WeChat's user_comment_id. */
export const articleComments = pgTable('article_comments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  content: text('content').notNull(),
  /** Featured by the account (markelect): only featured comments show to other readers. */
  elected: boolean('elected').notNull().default(false),
  replyContent: text('reply_content'),
  replyAt: ts('reply_at'),
  deleted: boolean('deleted').notNull().default(false),
  /** Pinned (置顶) by the account: shown first; at most one per article. */
  pinned: boolean('pinned').notNull().default(false),
  /** Readers' likes of the comment (comment_likes counts them). */
  likeCount: integer('like_count').notNull().default(0),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('article_comments_article_idx').on(t.articleId, t.id)]);

/** Readers' likes of comments: one per reader and comment. */
export const commentLikes = pgTable('comment_likes', {
  commentId: bigint('comment_id', { mode: 'number' }).notNull().references(() => articleComments.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.commentId, t.userId] })]);

/** Readers the account has blocked from commenting on its articles. */
export const commentBlocks = pgTable('comment_blocks', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.userId] })]);

/** The account's comment settings for new articles (the 留言 defaults). */
export const commentDefaults = pgTable('comment_defaults', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  open: boolean('open').notNull().default(true),
  followersOnly: boolean('followers_only').notNull().default(false),
  updatedAt: ts('updated_at').notNull(),
});

/** Each share of an article from the phone. */
export const articleShares = pgTable('article_shares', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  /** chat | group | moments | discover */
  target: text('target').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('article_shares_article_idx').on(t.articleId, t.createdAt)]);

/** Reads of an account's article pages per China calendar day (首页's read log). */
export const accountDailyReads = pgTable('account_daily_reads', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The China calendar day, YYYY-MM-DD. */
  day: date('day', { mode: 'string' }).notNull(),
  reads: integer('reads').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.accountId, t.day] })]);
