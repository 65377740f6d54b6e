import { pgTable, text, uuid, boolean, integer, jsonb, index, bigserial } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

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
