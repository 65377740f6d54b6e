import { pgTable, text, jsonb } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

/** Platform-wide key/value settings (instance secrets, the emulator clock offset ...). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
