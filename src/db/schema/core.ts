import { sql } from 'drizzle-orm';
import {
  pgTable, text, uuid, boolean, timestamp, integer, jsonb, primaryKey, index, uniqueIndex, bigint,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Platform-wide key/value settings (instance secrets, the emulator clock offset ...). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A person who logs into the console. */
export const operators = pgTable('operators', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** owner | admin | agent */
  role: text('role').notNull().default('admin'),
  platformAdmin: boolean('platform_admin').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('operators_email_uq').on(sql`lower(${t.email})`)]);

/** Console sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const operatorSessions = pgTable('operator_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  operatorId: uuid('operator_id').notNull().references(() => operators.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('operator_sessions_operator_idx').on(t.operatorId)]);

/** An official account. type is fixed at creation. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  appid: text('appid').notNull(),
  /** subscription | service */
  type: text('type').notNull(),
  verified: boolean('verified').notNull().default(false),
  /** active | suspended | banned */
  status: text('status').notNull().default('active'),
  name: text('name').notNull(),
  wechatId: text('wechat_id'),
  /** The account's original id (gh_ + 12 hex), ToUserName in pushes. */
  originalId: text('original_id').notNull(),
  description: text('description').notNull().default(''),
  /** sha256(salt || secret), hex. The AppSecret itself is never stored. */
  secretHash: text('secret_hash').notNull(),
  secretSalt: text('secret_salt').notNull(),
  /** Last 4 characters, to let an operator recognise which secret is current. */
  secretHint: text('secret_hint').notNull(),
  secretResetAt: ts('secret_reset_at'),
  ipWhitelist: jsonb('ip_whitelist').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Callback server configuration. */
  serverUrl: text('server_url'),
  serverToken: text('server_token'),
  serverAesKey: text('server_aes_key'),
  /** plaintext | compatible | safe */
  serverMode: text('server_mode').notNull().default('plaintext'),
  serverEnabled: boolean('server_enabled').notNull().default(false),
  serverVerifiedAt: ts('server_verified_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('accounts_appid_uq').on(t.appid),
  uniqueIndex('accounts_original_id_uq').on(t.originalId),
  index('accounts_org_idx').on(t.orgId),
]);

/** access_tokens issued by /cgi-bin/token (kind 'token') and /cgi-bin/stable_token (kind 'stable'). */
export const accessTokens = pgTable('access_tokens', {
  token: text('token').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  issuedAt: ts('issued_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  /** When a newer token of the same kind was issued; this one stays valid 5 minutes after. */
  supersededAt: ts('superseded_at'),
}, (t) => [index('access_tokens_account_kind_idx').on(t.accountId, t.kind, t.issuedAt)]);

/** stable_token force_refresh bookkeeping (20 per day, 30 s apart). */
export const stableTokenForces = pgTable('stable_token_forces', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  day: text('day').notNull(),
  count: integer('count').notNull().default(0),
  lastAt: ts('last_at'),
}, (t) => [primaryKey({ columns: [t.accountId, t.day] })]);

/** Per-API daily call counts, per China calendar day. */
export const apiQuotaUsage = pgTable('api_quota_usage', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  api: text('api').notNull(),
  day: text('day').notNull(),
  used: integer('used').notNull().default(0),
  /** Calls made before the last clear (clear_quota resets the visible counter). */
  clearedAt: ts('cleared_at'),
}, (t) => [primaryKey({ columns: [t.accountId, t.api, t.day] })]);

/** clear_quota calls per account per China calendar month (10 allowed). */
export const quotaClears = pgTable('quota_clears', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  month: text('month').notNull(),
  count: integer('count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.accountId, t.month] })]);

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

/** A simulated WeChat user (a follower, once they follow). */
export const followerUsers = pgTable('follower_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  nickname: text('nickname').notNull(),
  country: text('country').notNull().default(''),
  province: text('province').notNull().default(''),
  city: text('city').notNull().default(''),
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
