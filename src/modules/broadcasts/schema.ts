import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, boolean, integer, jsonb, primaryKey, index, uniqueIndex, bigserial, bigint } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { newsGroups } from '../articles/schema.js';
import { followerUsers } from '../followers/schema.js';
import { operators } from '../operators/schema.js';
import { ts } from '../../platform/db/columns.js';

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
  /** awaiting_confirmation | scheduled | queued | sending | done | failed | cancelled | deleted */
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
  /** API mass-send protection: the administrator confirms by this time, or the post ends err(40002). */
  confirmBy: ts('confirm_by'),
  /** confirmed | rejected | timed_out (null: no confirmation was asked). */
  confirmation: text('confirmation'),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('broadcasts_account_idx').on(t.accountId, t.createdAt),
  index('broadcasts_account_month_idx').on(t.accountId, t.chinaMonth),
  index('broadcasts_runnable_idx').on(t.status, t.scheduledAt),
  uniqueIndex('broadcasts_clientmsgid_uq').on(t.accountId, t.clientmsgid).where(sql`clientmsgid IS NOT NULL`),
  index('broadcasts_msg_data_id_idx').on(t.msgDataId),
  index('broadcasts_awaiting_idx').on(t.confirmBy).where(sql`status = 'awaiting_confirmation'`),
]);

/**
 * API mass-send protection (API群发保护) of an account: when enabled, each push post sent through
 * message/mass/sendall or send waits up to 30 minutes for the administrator's confirmation in
 * their phone (the phone user `adminUserId`).
 */
export const massSendProtection = pgTable('mass_send_protection', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  /** The administrator's WeChat: whose phone gets the confirmation card. */
  adminUserId: uuid('admin_user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  updatedBy: uuid('updated_by').references(() => operators.id, { onDelete: 'set null' }),
  updatedAt: ts('updated_at').notNull(),
});

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
