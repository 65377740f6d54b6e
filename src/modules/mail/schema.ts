import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, integer, index } from 'drizzle-orm/pg-core';
import { ts } from '../../platform/db/columns.js';

/**
 * The outbox: every mail Herald sends, written in the transaction of what caused it and sent
 * after commit by the mail sender (jobs.ts). Without an SMTP server the row is kept, not sent.
 */
export const mailOutbox = pgTable('mail_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** What the mail is about (signup_verify, signup_exists, registration_approved ...). */
  kind: text('kind').notNull(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  /** Plain text body (Herald sends plain text only). */
  body: text('body').notNull(),
  /** queued | sending | sent | failed | kept (no SMTP server configured: kept in the outbox only). */
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  /** While `sending`: the sender's lease; an expired lease is claimed again (after a crash). */
  leaseUntil: ts('lease_until'),
  /** The SMTP server's answer to the last attempt, cut to 1 KB (its message id, or the error). */
  lastResult: text('last_result'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
}, (t) => [
  index('mail_outbox_created_idx').on(t.createdAt),
  index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
]);
