import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, boolean, integer, primaryKey, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { operators } from '../operators/schema.js';
import { ts } from '../../platform/db/columns.js';

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
