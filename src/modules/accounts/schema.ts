import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, boolean, integer, jsonb, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../operators/schema.js';
import { ts } from '../../platform/db/columns.js';
import type { Restrictions } from './rules/capabilities.js';

/** An official account. type is chosen at creation; a subscription account may convert to service once (modules/verification). */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  appid: text('appid').notNull(),
  /** subscription | service */
  type: text('type').notNull(),
  verified: boolean('verified').notNull().default(false),
  /** When the yearly verification (微信认证) runs out; null when unverified or not known. */
  verifiedUntil: ts('verified_until'),
  /** active | suspended | banned | frozen (migrating away) | deregistering | deregistered (modules/lifecycle) */
  status: text('status').notNull().default('active'),
  /**
   * Whether users in mainland China may find, follow and read the account: false for an
   * overseas entity's service account without a Chinese licence or a local partner
   * (registration's foreign-entity rules decide it at approval; rules/region.ts applies it).
   */
  mainlandVisible: boolean('mainland_visible').notNull().default(true),
  /** Restrictions with an end time, restriction → ISO end (rules/capabilities.ts; written by modules/enforcement). */
  restrictions: jsonb('restrictions').$type<Restrictions>().notNull().default(sql`'{}'::jsonb`),
  name: text('name').notNull(),
  wechatId: text('wechat_id'),
  /** The account's original id (gh_ + 12 hex), ToUserName in pushes. */
  originalId: text('original_id').notNull(),
  description: text('description').notNull().default(''),
  /** The avatar: a kept image in the media table (served publicly at /media/<id>); null shows the name's letter. */
  avatarMediaId: text('avatar_media_id'),
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

/** clear_quota calls per account per China calendar month (10 allowed). */
export const quotaClears = pgTable('quota_clears', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  month: text('month').notNull(),
  count: integer('count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.accountId, t.month] })]);
