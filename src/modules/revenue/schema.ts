import { pgTable, text, uuid, integer, index, bigserial } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { articles } from '../articles/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * Money around articles, written by this module's store: readers' donations (the reader's payment
 * sheet records them through insertDonation) and ad impressions and clicks (insertAdEvent).
 */

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
