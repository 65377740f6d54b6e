import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../platform/db/columns.js';
import { accounts } from '../accounts/schema.js';
import { operators } from '../operators/schema.js';

/**
 * Applications for verification (微信认证) and its yearly renewal (年审): the subject, the fee's
 * invoice, the name asked for with the naming right, the review's outcome.
 */
export const verificationApplications = pgTable('verification_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  operatorId: uuid('operator_id').references(() => operators.id, { onDelete: 'set null' }),
  /** verify (the first verification, or again after expiry) | renew (年审 while verified) */
  kind: text('kind').notNull(),
  /** enterprise | media | government | other */
  subjectType: text('subject_type').notNull(),
  /** The subject's full name as on its registration certificate. */
  subjectName: text('subject_name').notNull(),
  /** Registered in mainland China (a business licence or organization certificate issued there). */
  chineseRegistration: boolean('chinese_registration').notNull().default(false),
  /** The account name asked for with the naming right (null keeps the current name). */
  requestedName: text('requested_name'),
  /** The fee in fen (30000 = 300 RMB; 0 for government). */
  feeFen: integer('fee_fen').notNull(),
  /** The invoice number the platform administrator marks paid (null when there is no fee). */
  invoiceNo: text('invoice_no'),
  paidAt: ts('paid_at'),
  /** awaiting_payment | in_review | approved | rejected */
  status: text('status').notNull(),
  submittedAt: ts('submitted_at').notNull(),
  decidedAt: ts('decided_at'),
  decidedBy: uuid('decided_by').references(() => operators.id, { onDelete: 'set null' }),
  /** Why the review failed (FailReason of the event). */
  failReason: text('fail_reason'),
  /** Whether the name asked for was refused while the qualification passed. */
  namingFailReason: text('naming_fail_reason'),
  /** The end of the year of verification this application gave. */
  expiresAt: ts('expires_at'),
}, (t) => [
  index('verification_applications_account_idx').on(t.accountId, t.submittedAt),
  index('verification_applications_queue_idx').on(t.status, t.submittedAt),
  uniqueIndex('verification_applications_invoice_uq').on(t.invoiceNo),
]);

/** Documents of a verification application: bytes in the media storage, never public. */
export const verificationDocuments = pgTable('verification_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => verificationApplications.id, { onDelete: 'cascade' }),
  /** business_licence | admin_id | authorization_letter | other */
  kind: text('kind').notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  width: integer('width'),
  height: integer('height'),
  uploadedAt: ts('uploaded_at').notNull(),
}, (t) => [index('verification_documents_app_idx').on(t.applicationId)]);

/** Renewal reminders mailed for one end of verification: one row per offset, so none is sent twice. */
export const verificationReminders = pgTable('verification_reminders', {
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The end this reminder is about (a renewal moves it, and the reminders start again). */
  expiresAt: ts('expires_at').notNull(),
  /** 3m | 2m | 1m | 7d | expired */
  offset: text('offset').notNull(),
  sentAt: ts('sent_at').notNull(),
}, (t) => [uniqueIndex('verification_reminders_uq').on(t.accountId, t.expiresAt, t.offset)]);

/** Type conversions (subscription → service): at most one per account, kept forever. */
export const accountConversions = pgTable('account_conversions', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  operatorId: uuid('operator_id').references(() => operators.id, { onDelete: 'set null' }),
  fromType: text('from_type').notNull(),
  toType: text('to_type').notNull(),
  convertedAt: ts('converted_at').notNull(),
}, (t) => [uniqueIndex('account_conversions_account_uq').on(t.accountId)]);
