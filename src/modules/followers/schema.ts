import { pgTable, text, uuid, boolean, integer, primaryKey, index, uniqueIndex, bigint } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { organizations } from '../operators/schema.js';
import { ts } from '../../platform/db/columns.js';

/** A simulated WeChat user (a follower, once they follow). */
export const followerUsers = pgTable('follower_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  nickname: text('nickname').notNull(),
  country: text('country').notNull().default(''),
  province: text('province').notNull().default(''),
  city: text('city').notNull().default(''),
  /**
   * Where the phone is used (ISO 3166-1 alpha-2), which decides the accounts it may see
   * (accounts' rules/region.ts). Mainland China (CN) unless set in the simulator or the phone's 我.
   */
  region: text('region').notNull().default('CN'),
  /** zh_CN | zh_TW | en ... */
  language: text('language').notNull().default('zh_CN'),
  sex: integer('sex').notNull().default(0),
  avatarUrl: text('avatar_url').notNull().default(''),
  /** Set for users who signed up on the phone page (platform mode). */
  email: text('email'),
  passwordHash: text('password_hash'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * The follow relation. One row per (account, user) forever: the openid is minted once and is
 * stable across unfollow/refollow.
 */
export const follows = pgTable('follows', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  unionid: text('unionid').notNull(),
  subscribed: boolean('subscribed').notNull().default(true),
  subscribedAt: ts('subscribed_at'),
  unsubscribedAt: ts('unsubscribed_at'),
  subscribeScene: text('subscribe_scene').notNull().default('ADD_SCENE_SEARCH'),
  qrScene: bigint('qr_scene', { mode: 'number' }).notNull().default(0),
  qrSceneStr: text('qr_scene_str').notNull().default(''),
  remark: text('remark').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.accountId, t.userId] }),
  uniqueIndex('follows_openid_uq').on(t.openid),
  index('follows_account_subscribed_idx').on(t.accountId, t.subscribed, t.openid),
  // A user's follows (the phone's chat list), without scanning every account's followers.
  index('follows_user_idx').on(t.userId),
]);

/** Per-organization unionid of a user. */
export const unionIds = pgTable('union_ids', {
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  unionid: text('unionid').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.userId] }), uniqueIndex('union_ids_unionid_uq').on(t.unionid)]);

/** User tags of an account (ids from 100; 0, 1, 2 are system tags). */
export const tags = pgTable('tags', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').notNull(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.tagId] }), uniqueIndex('tags_name_uq').on(t.accountId, t.name)]);

export const followTags = pgTable('follow_tags', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  tagId: integer('tag_id').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.tagId, t.openid] }), index('follow_tags_openid_idx').on(t.openid)]);

/** Followers an account has blacklisted. */
export const blacklist = pgTable('blacklist', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.openid] })]);
