import { sql } from 'drizzle-orm';
import {
  pgTable, text, uuid, boolean, timestamp, integer, jsonb, primaryKey, index, uniqueIndex, bigserial, bigint,
} from 'drizzle-orm/pg-core';
import { accounts, followerUsers, operators } from './core.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Custom menus: one default menu per account plus personalized (conditional) menus. */
export const menus = pgTable('menus', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** default | conditional */
  kind: text('kind').notNull(),
  /** WeChat's menuid (decimal string). */
  menuid: text('menuid').notNull(),
  buttons: jsonb('buttons').notNull(),
  matchrule: jsonb('matchrule'),
  /** api | console: who last wrote it. */
  source: text('source').notNull().default('api'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('menus_account_idx').on(t.accountId, t.kind, t.id),
  uniqueIndex('menus_default_uq').on(t.accountId).where(sql`kind = 'default'`),
  uniqueIndex('menus_menuid_uq').on(t.accountId, t.menuid),
]);

/** User tags of an account (ids from 100; 0, 1, 2 are system tags). */
export const tags = pgTable('tags', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').notNull(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.tagId] }), uniqueIndex('tags_name_uq').on(t.accountId, t.name)]);

export const followTags = pgTable('follow_tags', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  tagId: integer('tag_id').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.tagId, t.openid] }), index('follow_tags_openid_idx').on(t.openid)]);

/** Followers an account has blacklisted. */
export const blacklist = pgTable('blacklist', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.openid] })]);

/** Parametric QR codes (qrcode/create). */
export const qrCodes = pgTable('qr_codes', {
  ticket: text('ticket').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** QR_SCENE | QR_STR_SCENE | QR_LIMIT_SCENE | QR_LIMIT_STR_SCENE */
  actionName: text('action_name').notNull(),
  sceneId: bigint('scene_id', { mode: 'number' }),
  sceneStr: text('scene_str'),
  /** The content encoded in the image. */
  url: text('url').notNull(),
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('qr_codes_account_idx').on(t.accountId, t.createdAt),
  uniqueIndex('qr_codes_url_uq').on(t.url),
]);

/**
 * Every message of a conversation between a follower and an account, both directions:
 * what the phone shows and what the customer-service history reads.
 */
export const conversationMessages = pgTable('conversation_messages', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  /** in (user → account) | out (account → user) */
  direction: text('direction').notNull(),
  /** user | passive | autoreply | custom | kf | mass | template | system */
  source: text('source').notNull(),
  msgType: text('msg_type').notNull(),
  /** The message as the phone renders it (type-specific fields). */
  content: jsonb('content').notNull(),
  msgId: text('msg_id'),
  kfAccount: text('kf_account'),
  /** chats | subscriptions: where the phone files it (service vs subscription accounts). */
  placement: text('placement').notNull().default('chats'),
  notify: boolean('notify').notNull().default(false),
  readAt: ts('read_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('conversation_messages_user_idx').on(t.userId, t.accountId, t.id),
  index('conversation_messages_account_idx').on(t.accountId, t.id),
  index('conversation_messages_openid_idx').on(t.openid, t.id),
]);

/**
 * Customer-service message windows opened by user actions (reference §6): each allows `limit`
 * messages until `expiresAt`.
 */
export const serviceWindows = pgTable('service_windows', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  /** message | click | follow | scan | payment */
  trigger: text('trigger').notNull(),
  openedAt: ts('opened_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  /** null = unlimited */
  limit: integer('limit'),
  used: integer('used').notNull().default(0),
}, (t) => [index('service_windows_open_idx').on(t.accountId, t.openid, t.expiresAt)]);

/** Customer-service representatives (kf accounts). */
export const kfAccounts = pgTable('kf_accounts', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  kfAccount: text('kf_account').notNull(),
  kfId: integer('kf_id').notNull(),
  nickname: text('nickname').notNull(),
  headimgurl: text('headimgurl').notNull().default(''),
  /** The console operator working as this representative, if bound. */
  operatorId: uuid('operator_id').references(() => operators.id, { onDelete: 'set null' }),
  inviteWx: text('invite_wx'),
  inviteStatus: text('invite_status'),
  inviteExpiresAt: ts('invite_expires_at'),
  /** 0 offline | 1 online */
  online: boolean('online').notNull().default(false),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.kfAccount] }), uniqueIndex('kf_accounts_kfid_uq').on(t.accountId, t.kfId)]);

/** Customer-service sessions: waiting (no representative yet), active, closed. */
export const kfSessions = pgTable('kf_sessions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  kfAccount: text('kf_account'),
  /** waiting | active | closed */
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull(),
  acceptedAt: ts('accepted_at'),
  closedAt: ts('closed_at'),
  /** Last message from the follower (for the wait queue and the 48-hour board). */
  lastUserMessageAt: ts('last_user_message_at'),
  /** Last answer by a representative or the account. */
  lastReplyAt: ts('last_reply_at'),
}, (t) => [
  index('kf_sessions_account_status_idx').on(t.accountId, t.status),
  uniqueIndex('kf_sessions_open_uq').on(t.accountId, t.openid).where(sql`status <> 'closed'`),
]);

/** Customer-service records (msgrecord/getmsglist): opercode per reference §10. */
export const kfRecords = pgTable('kf_records', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  opercode: integer('opercode').notNull(),
  text: text('text').notNull().default(''),
  worker: text('worker').notNull().default(''),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('kf_records_account_time_idx').on(t.accountId, t.createdAt)]);

/** Auto-reply rules set in the console: on follow, keyword rules, default reply. */
export const autoReplies = pgTable('auto_replies', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** subscribe | keyword | default */
  kind: text('kind').notNull(),
  name: text('name').notNull().default(''),
  /** [{text, match: 'exact' | 'contains'}] for keyword rules. */
  keywords: jsonb('keywords').$type<{ text: string; match: 'exact' | 'contains' }[]>().notNull().default(sql`'[]'::jsonb`),
  /** all | random */
  replyMode: text('reply_mode').notNull().default('all'),
  /** [{type: text|image|news|miniprogrampage, ...}] */
  replies: jsonb('replies').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('auto_replies_account_idx').on(t.accountId, t.kind)]);
