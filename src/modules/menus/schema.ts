import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, jsonb, index, uniqueIndex, bigserial, date, integer, primaryKey } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

/** Custom menus: one default menu per account plus personalized (conditional) menus. */
export const menus = pgTable('menus', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** default | conditional */
  kind: text('kind').notNull(),
  /** WeChat's menuid (decimal string). */
  menuid: text('menuid').notNull(),
  buttons: jsonb('buttons').notNull(),
  matchrule: jsonb('matchrule'),
  /** api | console: who last wrote it. */
  source: text('source').notNull().default('api'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('menus_account_idx').on(t.accountId, t.kind, t.id),
  uniqueIndex('menus_default_uq').on(t.accountId).where(sql`kind = 'default'`),
  uniqueIndex('menus_menuid_uq').on(t.accountId, t.menuid),
]);

/**
 * Every tap on a menu button a follower made (菜单分析 counts them): the button as it was when
 * tapped (its place, name and type), whether or not it pushes an event to the developer.
 */
export const menuClicks = pgTable('menu_clicks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  /** The menu tapped (its WeChat menuid). */
  menuid: text('menuid').notNull(),
  /** The button's place: "1" top level, "1.2" second sub-button of the first (from 1, as people count). */
  position: text('position').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('menu_clicks_account_idx').on(t.accountId, t.createdAt)]);

/**
 * Menu taps per China day, button and follower: what 菜单分析 reads, so a month of a busy menu is
 * tens of thousands of rows to add up, not millions to group. Kept equal to `menu_clicks` by the
 * database itself: statement triggers on its inserts, deletes and updates add and subtract the
 * rows they touched, in the same transaction (`herald_menu_click_days`, migration 0025), so every
 * way a tap is written (clickMenu, a bulk INSERT … SELECT, a cascade delete) keeps it exact.
 */
export const menuClickDays = pgTable('menu_click_days', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The China day (UTC+8) of the taps. */
  day: date('day', { mode: 'string' }).notNull(),
  position: text('position').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  openid: text('openid').notNull(),
  taps: integer('taps').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.day, t.position, t.name, t.type, t.openid] })]);
