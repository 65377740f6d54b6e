import { pgTable, text, uuid, integer, jsonb, index, bigint, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';
import type { LibraryKeyword, TemplateKind } from './rules/library.js';
import type { CardField } from './rules/templateMessage.js';

/** An account's two industries (api_set_industry), changed at most once a China calendar month. */
export const templateIndustries = pgTable('template_industries', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  industryId1: integer('industry_id1').notNull(),
  industryId2: integer('industry_id2').notNull(),
  changedAt: ts('changed_at').notNull(),
});

/** An account's private templates (我的模板), added from the library: 25 at most. */
export const privateTemplates = pgTable('private_templates', {
  templateId: text('template_id').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The library's template_id_short (TM00015, OPENTM…, or a category template's number). */
  libraryId: text('library_id').notNull(),
  kind: text('kind').$type<TemplateKind>().notNull(),
  title: text('title').notNull(),
  industryId: integer('industry_id').notNull(),
  /** The fields chosen (keyword_name_list), in order. */
  keywords: jsonb('keywords').$type<LibraryKeyword[]>().notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('private_templates_account_idx').on(t.accountId, t.createdAt)]);

/**
 * Every template message sent (message/template/send): the msgid (64-bit, above 2^53 as WeChat's
 * are), the card as the follower saw it, and how the send ended (TEMPLATESENDJOBFINISH's Status).
 */
export const templateMessages = pgTable('template_messages', {
  msgid: bigint('msgid', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity({ startWith: '2097683633284153344' }),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  /** Not a foreign key: a deleted template keeps its sent messages. */
  templateId: text('template_id').notNull(),
  title: text('title').notNull(),
  fields: jsonb('fields').$type<CardField[]>().notNull(),
  url: text('url'),
  miniprogram: jsonb('miniprogram').$type<{ appid: string; pagepath: string } | null>(),
  clientMsgId: text('client_msg_id'),
  /** success | failed:user block | failed: system failed */
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('template_messages_account_idx').on(t.accountId, t.msgid),
  index('template_messages_client_msg_idx').on(t.accountId, t.openid, t.clientMsgId, t.createdAt).where(sql`${t.clientMsgId} is not null`),
]);

/** Followers who turned off an account's template messages on the phone (接收消息: off). */
export const templateBlocks = pgTable('template_blocks', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.userId] })]);
