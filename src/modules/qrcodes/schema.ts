import { pgTable, text, uuid, index, uniqueIndex, bigint } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

/** Parametric QR codes (qrcode/create). */
export const qrCodes = pgTable('qr_codes', {
  ticket: text('ticket').primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** QR_SCENE | QR_STR_SCENE | QR_LIMIT_SCENE | QR_LIMIT_STR_SCENE */
  actionName: text('action_name').notNull(),
  sceneId: bigint('scene_id', { mode: 'number' }),
  sceneStr: text('scene_str'),
  /** The content encoded in the image. */
  url: text('url').notNull(),
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('qr_codes_account_idx').on(t.accountId, t.createdAt),
  uniqueIndex('qr_codes_url_uq').on(t.url),
]);
