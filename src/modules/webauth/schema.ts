import { pgTable, text, uuid, boolean, bigserial, index, primaryKey } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * JS-SDK tickets (ticket/getticket): each call mints one, valid 7200 s by the Herald clock;
 * older ones stay valid until their own expiry (a page signed a moment ago still verifies).
 */
export const jsapiTickets = pgTable('jsapi_tickets', {
  ticket: text('ticket').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** jsapi | wx_card */
  type: text('type').notNull(),
  issuedAt: ts('issued_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('jsapi_tickets_account_idx').on(t.accountId, t.type, t.expiresAt)]);

/** OAuth2 codes (connect/oauth2/authorize): single use, 5 minutes. */
export const oauthCodes = pgTable('oauth_codes', {
  code: text('code').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  /** snsapi_base | snsapi_userinfo */
  scope: text('scope').notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  /** Issued in snapshot-page mode: the openid (and the unionid, profile) are a virtual account's. */
  snapshot: boolean('snapshot').notNull().default(false),
}, (t) => [index('oauth_codes_expiry_idx').on(t.expiresAt)]);

/** Web access_tokens (sns/oauth2/access_token): 7200 s; their refresh_token 30 days. */
export const oauthTokens = pgTable('oauth_tokens', {
  accessToken: text('access_token').primaryKey(),
  refreshToken: text('refresh_token').notNull().unique(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  openid: text('openid').notNull(),
  scope: text('scope').notNull(),
  issuedAt: ts('issued_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  refreshExpiresAt: ts('refresh_expires_at').notNull(),
  /** A snapshot-page mode token (`is_snapshotuser: 1`): a virtual account's openid, unionid and profile. */
  snapshot: boolean('snapshot').notNull().default(false),
}, (t) => [index('oauth_tokens_account_idx').on(t.accountId, t.issuedAt)]);

/** Every authorization attempt that named an account (the console's grant list). */
export const oauthGrants = pgTable('oauth_grants', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  openid: text('openid'),
  scope: text('scope').notNull(),
  /** silent | allowed | denied | refused | snapshot */
  result: text('result').notNull(),
  /** The page error code of a refusal (10003 ...). */
  errcode: text('errcode'),
  /** The redirect_uri's host (never the whole URL: it may carry the developer's secrets). */
  redirectHost: text('redirect_host').notNull().default(''),
  at: ts('at').notNull(),
}, (t) => [index('oauth_grants_account_idx').on(t.accountId, t.id)]);

/** An account's web domains: web authorization (oauth), JS safe (jsapi) and business domains. */
export const webDomains = pgTable('web_domains', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** oauth | jsapi | business */
  kind: text('kind').notNull(),
  /** As entered: a host, optionally with a port and a path (`wx.qq.com`, `wx.qq.com/mp`, `localhost:3000`). */
  domain: text('domain').notNull(),
  /** When the MP_verify file was fetched and matched; null when the check was skipped (emulator). */
  verifiedAt: ts('verified_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.kind, t.domain] })]);

/** Per-account web settings. */
export const webSettings = pgTable('web_settings', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  /** WeChat's own domain rules (no ports, no IPs) even in emulator mode. */
  strictDomains: boolean('strict_domains').notNull().default(false),
  /** The MP_verify_<16 chars>.txt file name this account proves domains with. */
  verifyFile: text('verify_file').notNull(),
});

/** Each save of an account's domains of one kind (WeChat allows 3 per natural month). */
export const webDomainEdits = pgTable('web_domain_edits', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** oauth | jsapi | business */
  kind: text('kind').notNull(),
  at: ts('at').notNull(),
}, (t) => [index('web_domain_edits_account_idx').on(t.accountId, t.kind, t.at)]);
