import { pgTable, text, uuid, integer, jsonb, index, bigint, boolean, primaryKey } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';
import type { SubscribeKeyword, SubscribeTemplateType } from './rules/library.js';
import type { CardField } from './rules/requests.js';

/** An account's subscribe templates (我的模板 of 订阅通知), added from the public library. */
export const subscribeTemplates = pgTable('subscribe_templates', {
  /** priTmplId: 43 URL-safe characters. */
  priTmplId: text('pri_tmpl_id').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  tid: integer('tid').notNull(),
  title: text('title').notNull(),
  /** 2 one-time, 3 long-term. */
  type: integer('type').$type<SubscribeTemplateType>().notNull(),
  categoryId: integer('category_id').notNull(),
  /** The keywords chosen (kidList), in order. */
  keywords: jsonb('keywords').$type<SubscribeKeyword[]>().notNull(),
  sceneDesc: text('scene_desc').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('subscribe_templates_account_idx').on(t.accountId, t.createdAt)]);

/**
 * A WeChat user's consent to an account's template (from the H5 open tag, an article's
 * subscribe block, or the legacy one-time subscribe page): how many one-time messages are left,
 * or a long-term consent. The openid is the user's with the account (followers or not).
 */
export const subscribeConsents = pgTable('subscribe_consents', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  /** A priTmplId, or the legacy one-time subscribe's template_id (not a foreign key). */
  templateId: text('template_id').notNull(),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  /** One-time consents not yet used by a message. */
  remaining: integer('remaining').notNull().default(0),
  longTerm: boolean('long_term').notNull().default(false),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.openid, t.templateId] }), index('subscribe_consents_user_idx').on(t.userId)]);

/**
 * Every subscribe notification sent (bizsend, and the legacy template/subscribe): its msgid
 * (64-bit, above 2^53 as WeChat's are), the card, and where the user received it: `chat` (a
 * follower: the account's chat) or `service` (服务通知).
 */
export const subscribeMessages = pgTable('subscribe_messages', {
  msgid: bigint('msgid', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity({ startWith: '1700827132819554304' }),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  /** Not a foreign key: a deleted template keeps its sent messages. */
  templateId: text('template_id').notNull(),
  /** bizsend | legacy */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  fields: jsonb('fields').$type<CardField[]>().notNull(),
  page: text('page'),
  miniprogram: jsonb('miniprogram').$type<{ appid: string; pagepath: string } | null>(),
  /** chat | service */
  place: text('place').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('subscribe_messages_account_idx').on(t.accountId, t.templateId),
  index('subscribe_messages_user_idx').on(t.userId, t.msgid),
]);

export type SubscribePlace = 'chat' | 'service';

/**
 * The account's service categories (服务类目), which decide the public subscribe templates it may
 * use: up to 5, changed at most 5 times a China calendar month. No row: the account has not
 * chosen, and has every category of the library.
 */
export const subscribeCategoryChoices = pgTable('subscribe_category_choices', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The category ids, in the order chosen. */
  categoryIds: jsonb('category_ids').$type<number[]>().notNull(),
  /** The China calendar month (YYYY-MM) `changes` counts in. */
  month: text('month').notNull(),
  changes: integer('changes').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
