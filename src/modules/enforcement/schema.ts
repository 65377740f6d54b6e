import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, jsonb, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * 违规记录: one violation recorded against an account, the penalty the ladder gave it, and its
 * one appeal. (source, source_ref) is unique, so a moderation finding, a batch of reports or a
 * day of late answers is recorded once however often the sweep runs.
 */
export const enforcementViolations = pgTable('enforcement_violations', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The operating rule's section (rules/violations.ts RULES). */
  rule: text('rule').notNull(),
  /** moderation | report | response_time | platform */
  source: text('source').notNull(),
  sourceRef: text('source_ref').notNull(),
  /** What was found, as the account is shown it (cut to 500 characters). */
  content: text('content').notNull().default(''),
  /** Where it is: { kind: article | account | message | broadcast | inquiries, ref } */
  contentRef: jsonb('content_ref').$type<{ kind: string; ref: string | null }>().notNull(),
  /** The strike this was (1-based) within the strike window when it was recorded. */
  strike: integer('strike').notNull(),
  /** warning | content_removed | restricted | suspended | banned */
  penalty: text('penalty').notNull(),
  restrictions: jsonb('restrictions').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** When the restrictions end (null: none, or a permanent ban). */
  endsAt: ts('ends_at'),
  createdAt: ts('created_at').notNull(),
  appealDeadline: ts('appeal_deadline').notNull(),
  /** none | pending | approved (the record is overturned) | rejected */
  appealState: text('appeal_state').notNull().default('none'),
  appealReason: text('appeal_reason'),
  appealedAt: ts('appealed_at'),
  appealDecidedAt: ts('appeal_decided_at'),
  appealNote: text('appeal_note'),
}, (t) => [
  uniqueIndex('enforcement_violations_source_uq').on(t.source, t.sourceRef),
  index('enforcement_violations_account_idx').on(t.accountId, t.createdAt),
  index('enforcement_violations_appeal_idx').on(t.appealState, t.appealedAt),
]);

/** A follower's 投诉 of an article, an account or a message; one per follower and target. */
export const enforcementReports = pgTable('enforcement_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  /** article | account | message */
  targetKind: text('target_kind').notNull(),
  /** The article's link, the message's id; '' for the account itself. */
  targetRef: text('target_ref').notNull(),
  /** rules/violations.ts REPORT_CATEGORIES */
  category: text('category').notNull(),
  detail: text('detail').notNull().default(''),
  createdAt: ts('created_at').notNull(),
  /** The violation this report helped make, once the threshold was reached. */
  violationId: uuid('violation_id').references(() => enforcementViolations.id, { onDelete: 'set null' }),
}, (t) => [
  uniqueIndex('enforcement_reports_target_uq').on(t.userId, t.accountId, t.targetKind, t.targetRef),
  index('enforcement_reports_account_idx').on(t.accountId, t.createdAt),
]);
