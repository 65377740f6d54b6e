import { pgTable, text, uuid, integer, index, bigserial } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

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
