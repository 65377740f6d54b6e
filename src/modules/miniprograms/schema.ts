import { pgTable, text, uuid, integer, boolean, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { organizations } from '../operators/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * Registered mini programs (小程序): stubs Herald does not run. The released version is the list
 * of page paths a link into it may name (40165 otherwise); the admin is the phone user who
 * confirms links (the mini program administrator, 小程序管理员).
 */
export const miniPrograms = pgTable('mini_programs', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** wx + 16 hex, lowercase. */
  appid: text('appid').notNull(),
  /** The mini program's original id (gh_ + 12 hex), `username` in wxamplinkget and the open tag. */
  username: text('username').notNull(),
  name: text('name').notNull(),
  /** An http(s) address of the icon, or '' (the name's first letter is shown). */
  iconUrl: text('icon_url').notNull().default(''),
  /** The owner organization (主体): linking from its own accounts is same-subject. */
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  /** The administrator, a phone user; null: nobody can confirm links yet. */
  adminUserId: uuid('admin_user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  /** The released version's number ('' when nothing is released). */
  releasedVersion: text('released_version').notNull().default(''),
  /** The released version's page paths (without a leading slash or a query). */
  pages: jsonb('pages').$type<string[]>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('mini_programs_appid_uq').on(t.appid),
  uniqueIndex('mini_programs_username_uq').on(t.username),
  index('mini_programs_org_idx').on(t.orgId, t.createdAt),
]);

/**
 * One account ↔ mini program link and its state (commerce §1.3): 12 waiting for the account's
 * admin, 2 waiting for the mini program's admin, 1 linked, 3 refused by the mini program's admin.
 */
export const miniProgramLinks = pgTable('mini_program_links', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  miniProgramId: uuid('mini_program_id').notNull().references(() => miniPrograms.id, { onDelete: 'cascade' }),
  status: integer('status').notNull(),
  /** 「显示在公众号资料页」 (service accounts). */
  showProfile: boolean('show_profile').notNull().default(false),
  /** 「给已关注公众号的用户发送通知」. */
  notifyUsers: boolean('notify_users').notNull().default(false),
  /** api: wxamplink; console: the account's admin asked in the console. */
  source: text('source').notNull(),
  requestedAt: ts('requested_at').notNull(),
  linkedAt: ts('linked_at'),
  /** wxampunlink waits for the account's admin to confirm; set while it waits. */
  unlinkRequestedAt: ts('unlink_requested_at'),
}, (t) => [
  uniqueIndex('mini_program_links_uq').on(t.accountId, t.miniProgramId),
  index('mini_program_links_mp_idx').on(t.miniProgramId),
]);

/** Every link request (wxamplink or the console), counted against 13 a month (commerce §1.1). */
export const miniProgramLinkRequests = pgTable('mini_program_link_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  miniProgramId: uuid('mini_program_id').notNull().references(() => miniPrograms.id, { onDelete: 'cascade' }),
  at: ts('at').notNull(),
}, (t) => [index('mini_program_link_requests_idx').on(t.accountId, t.at)]);
