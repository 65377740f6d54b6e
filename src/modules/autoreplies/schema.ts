import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, boolean, jsonb, index, bigserial } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

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
  /** [{type: text|image|voice|video|article|news|miniprogrampage, ...}] */
  replies: jsonb('replies').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('auto_replies_account_idx').on(t.accountId, t.kind)]);
