import { pgTable, text, uuid, boolean, integer, primaryKey, index } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * Media files: temporary media uploaded by an account (media/upload, kept 3 days), and files a
 * follower sends from the phone (image, voice and video messages). The bytes live in the media
 * storage (src/media/storage.ts) under `storage_key`; the id is the media_id WeChat APIs use.
 */
export const media = pgTable('media', {
  /** The media_id: 64 random URL-safe characters (unguessable: /media/:id is public). */
  id: text('id').primaryKey(),
  /** The account that uploaded it; null for a follower's upload. */
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  /** The follower who uploaded it (a message's file, or a page's wx.uploadImage); null for an account's upload. */
  userId: uuid('user_id').references(() => followerUsers.id, { onDelete: 'cascade' }),
  /** image | voice | video | thumb | file */
  kind: text('kind').notNull(),
  contentType: text('content_type').notNull(),
  filename: text('filename').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  /** MD5 of the bytes (menu photo events report PicMd5Sum). */
  md5: text('md5').notNull(),
  storageKey: text('storage_key').notNull(),
  temporary: boolean('temporary').notNull().default(true),
  /** temporary (media/upload) | material (add_material) | uploadimg (article images) | video (media/uploadvideo) | user (a follower's upload) | jssdk (a picture a page uploaded with wx.uploadImage: the account's, from a follower) */
  origin: text('origin').notNull().default('temporary'),
  /** Video materials: title and introduction (add_material description, media/uploadvideo). */
  title: text('title').notNull().default(''),
  introduction: text('introduction').notNull().default(''),
  /** When a temporary media stops being served (3 days after upload); null = kept. */
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('media_account_idx').on(t.accountId, t.createdAt),
  index('media_user_idx').on(t.userId, t.createdAt),
  index('media_expires_idx').on(t.expiresAt),
  index('media_account_origin_idx').on(t.accountId, t.origin, t.kind, t.createdAt),
]);

/**
 * Accounts allowed to fetch a follower's upload with media/get: the accounts the follower sent
 * it to in a message. An account's own uploads need no grant.
 */
export const mediaGrants = pgTable('media_grants', {
  mediaId: text('media_id').notNull().references(() => media.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.mediaId, t.accountId] })]);
