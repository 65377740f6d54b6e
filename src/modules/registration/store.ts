import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { registrationApplications, registrationDecisions, registrationDocuments, signups } from './schema.js';
import { operators } from '../operators/schema.js';
import { CAPPED_STATUSES } from './rules/caps.js';

export type SignupRow = typeof signups.$inferSelect;
export type ApplicationRow = typeof registrationApplications.$inferSelect;
export type DocumentRow = typeof registrationDocuments.$inferSelect;
export type DecisionRow = typeof registrationDecisions.$inferSelect;

/** SQL of sign-ups, applications, their documents and decisions. */

/** Serialises work on one key (an email, a name) for the rest of the transaction, across nodes. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

export async function insertSignup(db: Executor, values: typeof signups.$inferInsert): Promise<void> {
  await db.insert(signups).values(values);
}

/** Unverified sign-ups of an email are replaced by a newer one (its link is the only one that works). */
export async function deletePendingSignups(db: Executor, email: string): Promise<void> {
  await db.delete(signups).where(and(sql`lower(${signups.email}) = ${email.toLowerCase()}`, isNull(signups.verifiedAt)));
}

export async function findSignupByTokenHash(db: Executor, tokenHash: string): Promise<SignupRow | undefined> {
  const [row] = await db.select().from(signups).where(eq(signups.tokenHash, tokenHash)).limit(1);
  return row;
}

/** Marks a sign-up verified, only if nobody did first (a link works once). */
export async function markSignupVerified(db: Executor, id: string, at: Date, operatorId: string): Promise<boolean> {
  const rows = await db.update(signups).set({ verifiedAt: at, operatorId }).where(and(eq(signups.id, id), isNull(signups.verifiedAt), gt(signups.expiresAt, at))).returning({ id: signups.id });
  return rows.length > 0;
}

export async function insertApplication(db: Executor, values: typeof registrationApplications.$inferInsert): Promise<ApplicationRow> {
  const [row] = await db.insert(registrationApplications).values(values).returning();
  return row;
}

export async function findApplication(db: Executor, applicationId: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(registrationApplications).where(eq(registrationApplications.applicationId, applicationId)).limit(1);
  return row;
}

/** The application locked for the rest of the transaction (a decision and a resubmission never cross). */
export async function lockApplication(tx: Tx, applicationId: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(registrationApplications).where(eq(registrationApplications.applicationId, applicationId)).limit(1).for('update');
  return row;
}

export async function updateApplication(db: Executor, id: string, values: Partial<typeof registrationApplications.$inferInsert>): Promise<ApplicationRow> {
  const [row] = await db.update(registrationApplications).set(values).where(eq(registrationApplications.id, id)).returning();
  return row;
}

export async function listApplicationsOfOrg(db: Executor, orgId: string): Promise<ApplicationRow[]> {
  return db.select().from(registrationApplications).where(eq(registrationApplications.orgId, orgId)).orderBy(desc(registrationApplications.createdAt));
}

/** The review queue: applications in review and appeals, the soonest due first. */
export async function listQueue(db: Executor, limit: number): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(registrationApplications)
    .where(inArray(registrationApplications.status, ['in_review', 'appealed']))
    .orderBy(asc(registrationApplications.dueAt), asc(registrationApplications.submittedAt))
    .limit(limit);
}

/**
 * How many other applications count against the caps (in review, appealed or approved): those
 * whose applicant has this email (compared without case), and those of this organization that
 * are not an individual's.
 */
export async function cappedApplicationCounts(db: Executor, app: { id: string; orgId: string }, email: string | null): Promise<{ sameEmail: number; sameOrganization: number }> {
  const counted = and(inArray(registrationApplications.status, [...CAPPED_STATUSES]), sql`${registrationApplications.id} <> ${app.id}`);
  const [org] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrationApplications)
    .where(and(counted, eq(registrationApplications.orgId, app.orgId), sql`${registrationApplications.subjectType} <> 'individual'`));
  if (email === null) return { sameEmail: 0, sameOrganization: org.n };
  const [mail] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrationApplications)
    .innerJoin(operators, eq(operators.id, registrationApplications.operatorId))
    .where(and(counted, sql`lower(${operators.email}) = lower(${email})`));
  return { sameEmail: mail.n, sameOrganization: org.n };
}

/** Appeals due within `withinMs` of `now` (or past due) whose reviewers were not yet reminded, soonest first. */
export async function appealsToRemind(db: Executor, now: Date, withinMs: number, limit: number): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(registrationApplications)
    .where(and(eq(registrationApplications.status, 'appealed'), isNull(registrationApplications.appealRemindedAt), sql`${registrationApplications.dueAt} <= ${new Date(now.getTime() + withinMs).toISOString()}::timestamptz`))
    .orderBy(asc(registrationApplications.dueAt))
    .limit(limit);
}

/** Records the reminder of an appeal; false when it was already recorded (another run got there first). */
export async function markAppealReminded(tx: Tx, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(registrationApplications)
    .set({ appealRemindedAt: now })
    .where(and(eq(registrationApplications.id, id), eq(registrationApplications.status, 'appealed'), isNull(registrationApplications.appealRemindedAt)))
    .returning({ id: registrationApplications.id });
  return rows.length === 1;
}

/** The emails of the platform's administrators (the reviewers). */
export async function reviewerEmails(db: Executor): Promise<string[]> {
  const rows = await db.select({ email: operators.email }).from(operators).where(eq(operators.platformAdmin, true)).orderBy(asc(operators.email));
  return rows.map((r) => r.email);
}

/** Processing times of one operating region and subject type, in seconds. */
export interface ProcessingTimes {
  region: string;
  subjectType: string;
  decided: number;
  medianSeconds: number;
  p90Seconds: number;
}

/**
 * How long reviews took: for every decided application (approved or rejected, appeals aside),
 * from its latest submission to the decision on it, the median and the 90th percentile per
 * operating region and subject type, the busiest first.
 */
export async function processingTimes(db: Executor): Promise<ProcessingTimes[]> {
  const res = await db.execute(sql`
    select coalesce(a.operating_region, '') as region, a.subject_type, count(*)::int as decided,
           percentile_cont(0.5) within group (order by extract(epoch from (d.decided_at - a.submitted_at)))::float8 as median,
           percentile_cont(0.9) within group (order by extract(epoch from (d.decided_at - a.submitted_at)))::float8 as p90
      from registration_applications a
      join lateral (
        select x.decided_at from registration_decisions x
         where x.application_id = a.id and not x.on_appeal
         order by x.decided_at desc limit 1
      ) d on true
     where a.status in ('approved', 'rejected') and a.submitted_at is not null and d.decided_at >= a.submitted_at
     group by 1, 2
     order by 3 desc, 1, 2`);
  type Row = { region: string; subject_type: string; decided: number; median: number; p90: number };
  const rows = ((res as unknown as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as Row[];
  return rows.map((r) => ({ region: r.region, subjectType: r.subject_type, decided: Number(r.decided), medianSeconds: Number(r.median), p90Seconds: Number(r.p90) }));
}

/** Whether another application (not approved) holds this name, compared without case. */
export async function applicationNameTaken(db: Executor, name: string, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: registrationApplications.id })
    .from(registrationApplications)
    .where(and(sql`lower(${registrationApplications.name}) = lower(${name})`, sql`${registrationApplications.status} <> 'approved'`, sql`${registrationApplications.id} <> ${exceptId}`))
    .limit(1);
  return row !== undefined;
}

export async function insertDocument(db: Executor, values: typeof registrationDocuments.$inferInsert): Promise<DocumentRow> {
  const [row] = await db.insert(registrationDocuments).values(values).returning();
  return row;
}

export async function listDocuments(db: Executor, applicationRowId: string): Promise<DocumentRow[]> {
  return db.select().from(registrationDocuments).where(eq(registrationDocuments.applicationId, applicationRowId)).orderBy(asc(registrationDocuments.uploadedAt));
}

export async function countDocuments(db: Executor, applicationRowId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(registrationDocuments).where(eq(registrationDocuments.applicationId, applicationRowId));
  return row?.n ?? 0;
}

export async function findDocument(db: Executor, applicationRowId: string, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(registrationDocuments).where(and(eq(registrationDocuments.applicationId, applicationRowId), eq(registrationDocuments.id, id))).limit(1);
  return row;
}

export async function insertDecision(db: Executor, values: typeof registrationDecisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await db.insert(registrationDecisions).values(values).returning();
  return row;
}

export async function listDecisions(db: Executor, applicationRowId: string): Promise<DecisionRow[]> {
  return db.select().from(registrationDecisions).where(eq(registrationDecisions.applicationId, applicationRowId)).orderBy(desc(registrationDecisions.decidedAt));
}
