import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, boolean, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from '../../platform/db/columns.js';
import { operators, organizations } from '../operators/schema.js';
import { accounts } from '../accounts/schema.js';

/**
 * Sign-ups waiting for their email to be verified. Only the SHA-256 of the link's token is
 * stored; verifying opens the organization and its owner and marks the row used.
 */
export const signups = pgTable('signups', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  /** scrypt hash of the password chosen at sign-up (becomes the operator's). */
  passwordHash: text('password_hash').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  /** When the link was followed (the link works once). */
  verifiedAt: ts('verified_at'),
  operatorId: uuid('operator_id').references(() => operators.id, { onDelete: 'set null' }),
}, (t) => [uniqueIndex('signups_token_uq').on(t.tokenHash), index('signups_email_idx').on(sql`lower(${t.email})`)]);

/** Applications to register an official account (注册信息), one per account applied for. */
export const registrationApplications = pgTable('registration_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The public application ID (R20261207-7K3Q9M) an applicant cites in an appeal. */
  applicationId: text('application_id').notNull(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  /** Who applied (mail about the application goes to them). */
  operatorId: uuid('operator_id').references(() => operators.id, { onDelete: 'set null' }),
  /** subscription | service: chosen first, never changed. */
  accountType: text('account_type').notNull(),
  /** individual | enterprise | media | government | other: chosen with the type, never changed. */
  subjectType: text('subject_type').notNull(),
  operatingRegion: text('operating_region'),
  jurisdiction: text('jurisdiction'),
  name: text('name'),
  wechatId: text('wechat_id'),
  description: text('description'),
  chineseLicence: boolean('chinese_licence').notNull().default(false),
  partnerEntity: boolean('partner_entity').notNull().default(false),
  /** draft | in_review | rejected | appealed | approved */
  status: text('status').notNull(),
  /** Times submitted (a resubmission after a rejection counts again). */
  submissions: integer('submissions').notNull().default(0),
  submittedAt: ts('submitted_at'),
  /** When the review (or the appeal) is due: business days on China's calendar. */
  dueAt: ts('due_at'),
  appealText: text('appeal_text'),
  appealedAt: ts('appealed_at'),
  /** When the reviewers were mailed that the appeal is due soon (once per appeal; a new appeal clears it). */
  appealRemindedAt: ts('appeal_reminded_at'),
  /** The account opened on approval. */
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  uniqueIndex('registration_applications_public_uq').on(t.applicationId),
  index('registration_applications_org_idx').on(t.orgId),
  index('registration_applications_queue_idx').on(t.status, t.dueAt),
  // A name is one application's while it is open; an approved one's is its account's.
  uniqueIndex('registration_applications_name_uq').on(sql`lower(${t.name})`).where(sql`${t.status} <> 'approved' and ${t.name} is not null`),
]);

/** The documents of an application; the bytes are in the media storage under `storage_key`, never public. */
export const registrationDocuments = pgTable('registration_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => registrationApplications.id, { onDelete: 'cascade' }),
  /** business_registration | operating_licence | admin_id | contact_details */
  kind: text('kind').notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  width: integer('width'),
  height: integer('height'),
  /** The automatic check: a scan below the resolution threshold. */
  lowQuality: boolean('low_quality').notNull().default(false),
  uploadedAt: ts('uploaded_at').notNull(),
}, (t) => [index('registration_documents_app_idx').on(t.applicationId)]);

/** Every review decision, kept: the applicant reads the latest rejection's reasons and note. */
export const registrationDecisions = pgTable('registration_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => registrationApplications.id, { onDelete: 'cascade' }),
  /** approved | rejected */
  decision: text('decision').notNull(),
  /** On rejection: one or more of the seed's reasons. */
  reasons: jsonb('reasons').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  note: text('note').notNull().default(''),
  /** Whether the decision answered an appeal. */
  onAppeal: boolean('on_appeal').notNull().default(false),
  reviewerId: uuid('reviewer_id').references(() => operators.id, { onDelete: 'set null' }),
  decidedAt: ts('decided_at').notNull(),
}, (t) => [index('registration_decisions_app_idx').on(t.applicationId, t.decidedAt)]);
