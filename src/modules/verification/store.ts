import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { accounts } from '../accounts/schema.js';
import { accountConversions, verificationApplications, verificationDocuments, verificationReminders } from './schema.js';

export type VerificationRow = typeof verificationApplications.$inferSelect;
export type VerificationDocumentRow = typeof verificationDocuments.$inferSelect;
export type ConversionRow = typeof accountConversions.$inferSelect;

/** SQL of verification applications, their documents, renewal reminders and conversions. */

/** Serialises work on one account's verification for the rest of the transaction, across nodes. */
export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`verification:${accountId}`}))`);
}

export async function insertVerification(db: Executor, values: typeof verificationApplications.$inferInsert): Promise<VerificationRow> {
  const [row] = await db.insert(verificationApplications).values(values).returning();
  return row;
}

export async function findVerification(db: Executor, id: string): Promise<VerificationRow | undefined> {
  const [row] = await db.select().from(verificationApplications).where(eq(verificationApplications.id, id)).limit(1);
  return row;
}

export async function updateVerification(db: Executor, id: string, patch: Partial<VerificationRow>, fromStatus: string): Promise<VerificationRow | undefined> {
  const [row] = await db
    .update(verificationApplications)
    .set(patch)
    .where(and(eq(verificationApplications.id, id), eq(verificationApplications.status, fromStatus)))
    .returning();
  return row;
}

/** An account's applications, newest first. */
export async function listVerificationsOfAccount(db: Executor, accountId: string, limit = 50): Promise<VerificationRow[]> {
  return db.select().from(verificationApplications).where(eq(verificationApplications.accountId, accountId)).orderBy(desc(verificationApplications.submittedAt)).limit(limit);
}

/** The application still open (awaiting payment or in review) of an account, if any. */
export async function openVerificationOf(db: Executor, accountId: string): Promise<VerificationRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationApplications)
    .where(and(eq(verificationApplications.accountId, accountId), inArray(verificationApplications.status, ['awaiting_payment', 'in_review'])))
    .limit(1);
  return row;
}

/** The latest approved application of an account (the subject its verification stands on). */
export async function latestApproved(db: Executor, accountId: string): Promise<VerificationRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationApplications)
    .where(and(eq(verificationApplications.accountId, accountId), eq(verificationApplications.status, 'approved')))
    .orderBy(desc(verificationApplications.decidedAt))
    .limit(1);
  return row;
}

/** The platform's queue: open applications, oldest first, with their account's name and AppID. */
export async function listQueue(db: Executor, limit: number) {
  return db
    .select({ application: verificationApplications, accountName: accounts.name, appid: accounts.appid, accountType: accounts.type })
    .from(verificationApplications)
    .innerJoin(accounts, eq(accounts.id, verificationApplications.accountId))
    .where(inArray(verificationApplications.status, ['awaiting_payment', 'in_review']))
    .orderBy(asc(verificationApplications.submittedAt))
    .limit(limit);
}

export async function insertVerificationDocument(db: Executor, values: typeof verificationDocuments.$inferInsert): Promise<VerificationDocumentRow> {
  const [row] = await db.insert(verificationDocuments).values(values).returning();
  return row;
}

export async function listVerificationDocuments(db: Executor, applicationId: string): Promise<VerificationDocumentRow[]> {
  return db.select().from(verificationDocuments).where(eq(verificationDocuments.applicationId, applicationId)).orderBy(asc(verificationDocuments.uploadedAt));
}

export async function findVerificationDocument(db: Executor, applicationId: string, id: string): Promise<VerificationDocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationDocuments)
    .where(and(eq(verificationDocuments.applicationId, applicationId), eq(verificationDocuments.id, id)))
    .limit(1);
  return row;
}

/** Verified accounts whose verification ends within `horizonMs` of `now` or has ended (the reminder and expiry sweep). */
export async function accountsNearExpiry(db: Executor, now: Date, horizonMs: number, limit: number) {
  return db
    .select({ id: accounts.id, verifiedUntil: accounts.verifiedUntil })
    .from(accounts)
    .where(and(eq(accounts.verified, true), isNotNull(accounts.verifiedUntil), lte(accounts.verifiedUntil, new Date(now.getTime() + horizonMs))))
    .orderBy(asc(accounts.verifiedUntil))
    .limit(limit);
}

/** The reminders already sent for one end of an account's verification. */
export async function remindersSent(db: Executor, accountId: string, expiresAt: Date): Promise<Set<string>> {
  const rows = await db
    .select({ offset: verificationReminders.offset })
    .from(verificationReminders)
    .where(and(eq(verificationReminders.accountId, accountId), eq(verificationReminders.expiresAt, expiresAt)));
  return new Set(rows.map((r) => r.offset));
}

/** Records a reminder; false when another run recorded it first. */
export async function recordReminder(db: Executor, accountId: string, expiresAt: Date, offset: string, at: Date): Promise<boolean> {
  const rows = await db.insert(verificationReminders).values({ accountId, expiresAt, offset, sentAt: at }).onConflictDoNothing().returning({ offset: verificationReminders.offset });
  return rows.length > 0;
}

export async function findConversion(db: Executor, accountId: string): Promise<ConversionRow | undefined> {
  const [row] = await db.select().from(accountConversions).where(eq(accountConversions.accountId, accountId)).limit(1);
  return row;
}

/** Records a conversion; false when the account already has one (the unique index decides). */
export async function insertConversion(db: Executor, values: typeof accountConversions.$inferInsert): Promise<boolean> {
  const rows = await db.insert(accountConversions).values(values).onConflictDoNothing().returning({ id: accountConversions.id });
  return rows.length > 0;
}

/** The most rows a fee listing reads (an organization has a handful of accounts and a few applications a year each). */
const FEE_ROWS_LIMIT = 5000;

/**
 * Applications that carry a fee (verification and renewal), of one organization's accounts or,
 * with `orgId` null, of every organization: newest first, with their account.
 */
export async function feeApplications(db: Executor, orgId: string | null) {
  return db
    .select({
      id: verificationApplications.id,
      kind: verificationApplications.kind,
      feeFen: verificationApplications.feeFen,
      invoiceNo: verificationApplications.invoiceNo,
      status: verificationApplications.status,
      submittedAt: verificationApplications.submittedAt,
      paidAt: verificationApplications.paidAt,
      accountId: accounts.id,
      appid: accounts.appid,
      accountName: accounts.name,
    })
    .from(verificationApplications)
    .innerJoin(accounts, eq(accounts.id, verificationApplications.accountId))
    .where(and(sql`${verificationApplications.feeFen} > 0`, orgId ? eq(accounts.orgId, orgId) : undefined))
    .orderBy(desc(verificationApplications.submittedAt))
    .limit(FEE_ROWS_LIMIT);
}

/**
 * Verified accounts with an end and no application open (their renewal is still to pay), of one
 * organization or of every one, with the subject type of their latest approved application.
 */
export async function renewalsToPay(db: Executor, orgId: string | null) {
  const open = db
    .select({ one: sql`1` })
    .from(verificationApplications)
    .where(and(eq(verificationApplications.accountId, accounts.id), inArray(verificationApplications.status, ['awaiting_payment', 'in_review'])));
  return db
    .selectDistinctOn([accounts.id], {
      accountId: accounts.id,
      appid: accounts.appid,
      accountName: accounts.name,
      verifiedUntil: accounts.verifiedUntil,
      subjectType: verificationApplications.subjectType,
    })
    .from(accounts)
    .leftJoin(verificationApplications, and(eq(verificationApplications.accountId, accounts.id), eq(verificationApplications.status, 'approved')))
    .where(and(eq(accounts.verified, true), isNotNull(accounts.verifiedUntil), orgId ? eq(accounts.orgId, orgId) : undefined, sql`not exists (${open})`))
    .orderBy(accounts.id, sql`${verificationApplications.decidedAt} desc nulls last`)
    .limit(FEE_ROWS_LIMIT);
}
