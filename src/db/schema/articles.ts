import { sql } from 'drizzle-orm';
import {
  pgTable, text, uuid, boolean, timestamp, integer, jsonb, primaryKey, index, uniqueIndex, bigserial, bigint, pgSequence,
} from 'drizzle-orm/pg-core';
import { accounts, followerUsers, operators } from './core.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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
  createdAt: ts('created_at').notNull(),
}, (t) => [index('article_comments_article_idx').on(t.articleId, t.id)]);

/** Each share of an article from the phone. */
export const articleShares = pgTable('article_shares', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  /** chat | group | moments | discover */
  target: text('target').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('article_shares_article_idx').on(t.articleId, t.createdAt)]);

/** Reader donations (tips) on original articles, paid through the simulated payment sheet. */
export const donations = pgTable('donations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  amountFen: integer('amount_fen').notNull(),
  message: text('message').notNull().default(''),
  /** paid | refunded */
  status: text('status').notNull().default('paid'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('donations_account_idx').on(t.accountId, t.createdAt), index('donations_article_idx').on(t.articleId)]);

/** Ad impressions and clicks in article ad slots. */
export const adEvents = pgTable('ad_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  adId: text('ad_id').notNull(),
  /** impression | click */
  kind: text('kind').notNull(),
  /** Revenue credited to the account for this event, in fen. */
  revenueFen: integer('revenue_fen').notNull().default(0),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('ad_events_account_idx').on(t.accountId, t.createdAt), index('ad_events_article_idx').on(t.articleId, t.kind)]);

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

/**
 * A push post (broadcast, mass send) and its job state. The id is WeChat's msg_id.
 * Fan-out is set-based: batches insert into broadcast_recipients in openid order.
 */
export const broadcasts = pgTable('broadcasts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** mass (sendall / send / console) | preview */
  kind: text('kind').notNull().default('mass'),
  /** api | console */
  source: text('source').notNull().default('api'),
  operatorId: uuid('operator_id').references(() => operators.id, { onDelete: 'set null' }),
  /** mpnews | text | image | voice | mpvideo | wxcard */
  msgtype: text('msgtype').notNull(),
  /** The msgtype body as sent ({content} / {media_id} ...). */
  payload: jsonb('payload').notNull(),
  /** mpnews: the news group carried. */
  groupId: text('group_id').references(() => newsGroups.id, { onDelete: 'set null' }),
  msgDataId: bigint('msg_data_id', { mode: 'number' }),
  /** {kind:'all'} | {kind:'tag', tagId} | {kind:'openids', openids:[...]} */
  audience: jsonb('audience').notNull(),
  sendIgnoreReprint: integer('send_ignore_reprint').notNull().default(0),
  clientmsgid: text('clientmsgid'),
  /** scheduled | queued | sending | done | failed | cancelled | deleted */
  status: text('status').notNull().default('queued'),
  /** MASSSENDJOBFINISH Status: 'send success', 'send fail', 'err(20002)' ... */
  resultStatus: text('result_status'),
  /** chats (service accounts, with a notification) | subscriptions (folder, silent) */
  placement: text('placement').notNull(),
  notify: boolean('notify').notNull().default(false),
  /** Whether it counts against the push quota (is_to_all / console sends). */
  countsToQuota: boolean('counts_to_quota').notNull().default(true),
  /** The Asia/Shanghai day (YYYY-MM-DD) and month (YYYY-MM) it counts in. */
  chinaDay: text('china_day').notNull(),
  chinaMonth: text('china_month').notNull(),
  scheduledAt: ts('scheduled_at'),
  totalCount: integer('total_count').notNull().default(0),
  filterCount: integer('filter_count').notNull().default(0),
  sentCount: integer('sent_count').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  /** CopyrightCheckResult for MASSSENDJOBFINISH. */
  copyright: jsonb('copyright'),
  /** Runner lease: one runner per broadcast. */
  lockedUntil: ts('locked_until'),
  lockedBy: text('locked_by'),
  /** When the audience snapshot was taken: followers subscribed at this time receive it. */
  acceptedAt: ts('accepted_at').notNull(),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('broadcasts_account_idx').on(t.accountId, t.createdAt),
  index('broadcasts_account_month_idx').on(t.accountId, t.chinaMonth),
  index('broadcasts_runnable_idx').on(t.status, t.scheduledAt),
  uniqueIndex('broadcasts_clientmsgid_uq').on(t.accountId, t.clientmsgid).where(sql`clientmsgid IS NOT NULL`),
  index('broadcasts_msg_data_id_idx').on(t.msgDataId),
]);

/** One committed fan-out batch: followers with openid in (afterOpenid, lastOpenid]. */
export const broadcastBatches = pgTable('broadcast_batches', {
  broadcastId: bigint('broadcast_id', { mode: 'number' }).notNull().references(() => broadcasts.id, { onDelete: 'cascade' }),
  batchNo: integer('batch_no').notNull(),
  afterOpenid: text('after_openid').notNull(),
  lastOpenid: text('last_openid').notNull(),
  /** Followers in the range that were eligible. */
  considered: integer('considered').notNull(),
  /** Removed by the 4-a-month rule. */
  filtered: integer('filtered').notNull().default(0),
  delivered: integer('delivered').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.broadcastId, t.batchNo] })]);

/**
 * The recorded recipient set: one row per follower who received a push post. The primary key
 * makes delivery exactly-once; openid order makes batch inserts append-only.
 */
export const broadcastRecipients = pgTable('broadcast_recipients', {
  broadcastId: bigint('broadcast_id', { mode: 'number' }).notNull().references(() => broadcasts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  readAt: ts('read_at'),
}, (t) => [primaryKey({ columns: [t.broadcastId, t.openid] })]);

/** Content-rule violations recorded against an account (moderation). */
export const moderationViolations = pgTable('moderation_violations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** political | adult | gambling | misleading_ads | copyright | drugs */
  category: text('category').notNull(),
  term: text('term').notNull(),
  /** The passage around the match, as the operator is shown. */
  passage: text('passage').notNull(),
  /** broadcast | publish | preview */
  action: text('action').notNull(),
  groupId: text('group_id'),
  articleIdx: integer('article_idx'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('moderation_violations_account_idx').on(t.accountId, t.createdAt)]);
