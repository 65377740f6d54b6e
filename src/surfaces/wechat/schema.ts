import { pgTable, text, uuid, integer, primaryKey, index } from 'drizzle-orm/pg-core';
import { accounts } from '../../modules/accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

/** Per-API daily call counts, per China calendar day. */
export const apiQuotaUsage = pgTable('api_quota_usage', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  api: text('api').notNull(),
  day: text('day').notNull(),
  used: integer('used').notNull().default(0),
  /** Calls made before the last clear (clear_quota resets the visible counter). */
  clearedAt: ts('cleared_at'),
}, (t) => [primaryKey({ columns: [t.accountId, t.api, t.day] })]);

/** Every WeChat-API request, retrievable by its rid (openapi/rid/get). */
export const apiRequests = pgTable('api_requests', {
  rid: text('rid').primaryKey(),
  accountId: uuid('account_id'),
  invokedAt: ts('invoked_at').notNull(),
  costMs: integer('cost_ms').notNull(),
  method: text('method').notNull(),
  requestUrl: text('request_url').notNull(),
  requestBody: text('request_body').notNull(),
  responseBody: text('response_body').notNull(),
  errcode: integer('errcode').notNull().default(0),
  clientIp: text('client_ip').notNull(),
}, (t) => [index('api_requests_account_idx').on(t.accountId, t.invokedAt)]);
