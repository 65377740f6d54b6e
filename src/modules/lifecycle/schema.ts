import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../platform/db/columns.js';
import { accounts } from '../accounts/schema.js';
import { operators } from '../operators/schema.js';

/**
 * Account migrations (账号迁移) A → B: what moves, the review fee (a cost row: amount and status),
 * both administrators' confirmations, the unfollow window and the move.
 */
export const accountMigrations = pgTable('account_migrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  fromAccountId: uuid('from_account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  toAccountId: uuid('to_account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  appliedBy: uuid('applied_by').references(() => operators.id, { onDelete: 'set null' }),
  moveFollowers: boolean('move_followers').notNull(),
  moveMaterials: boolean('move_materials').notNull(),
  /** The review fee in fen (30000 = 300 RMB), not refunded on failure. */
  feeFen: integer('fee_fen').notNull(),
  /** unpaid | paid | waived */
  feeStatus: text('fee_status').notNull(),
  /** awaiting_confirmation | confirmed | completed | cancelled */
  status: text('status').notNull(),
  appliedAt: ts('applied_at').notNull(),
  fromConfirmedAt: ts('from_confirmed_at'),
  toConfirmedAt: ts('to_confirmed_at'),
  /** The end of the followers' unfollow window (set when both have confirmed). */
  unfollowUntil: ts('unfollow_until'),
  completedAt: ts('completed_at'),
  cancelledAt: ts('cancelled_at'),
  /** Followers moved (set on completion). */
  movedFollowers: integer('moved_followers'),
}, (t) => [
  index('account_migrations_from_idx').on(t.fromAccountId, t.status),
  index('account_migrations_to_idx').on(t.toAccountId, t.status),
]);

/** Old openid (on A) → new openid (on B) for every follower a migration moved: what changeopenid answers. */
export const migratedOpenids = pgTable('migrated_openids', {
  migrationId: uuid('migration_id').notNull().references(() => accountMigrations.id, { onDelete: 'cascade' }),
  toAccountId: uuid('to_account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  fromAppid: text('from_appid').notNull(),
  oriOpenid: text('ori_openid').notNull(),
  newOpenid: text('new_openid').notNull(),
}, (t) => [primaryKey({ columns: [t.toAccountId, t.fromAppid, t.oriOpenid] })]);
