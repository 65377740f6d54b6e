import { and, asc, count, countDistinct, desc, eq, gt, gte, inArray, isNull, lte, ne, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { getSetting, putSetting } from '../../platform/db/settings.js';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { conversationMessages } from '../messaging/schema.js';
import { moderationViolations } from '../moderation/schema.js';
import { policyFrom, type EnforcementPolicy } from './rules/ladder.js';
import { enforcementReports, enforcementViolations } from './schema.js';

/** All of enforcement's SQL: violation records, reports, the policy setting, late inquiries. */

export type ViolationRecordRow = typeof enforcementViolations.$inferSelect;
export type ReportRow = typeof enforcementReports.$inferSelect;

const POLICY_KEY = 'enforcement.policy';

/** The policy in force: the stored setting over the documented defaults. */
export async function loadPolicy(db: Executor): Promise<EnforcementPolicy> {
  return policyFrom(await getSetting<unknown>(db, POLICY_KEY));
}

export async function savePolicy(db: Executor, policy: EnforcementPolicy): Promise<void> {
  await putSetting(db, POLICY_KEY, policy);
}

/** Serialises penalties of one account for the rest of the transaction (strikes are counted, then one is added). */
export async function lockAccountPenalties(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`enforcement:${accountId}`}))`);
}

/** Inserts a record; undefined when its (source, source_ref) is already recorded. */
export async function insertViolationRecord(db: Executor, values: typeof enforcementViolations.$inferInsert): Promise<ViolationRecordRow | undefined> {
  const [row] = await db.insert(enforcementViolations).values(values).onConflictDoNothing().returning();
  return row;
}

/** Whether (source, source_ref) is recorded. */
export async function recorded(db: Executor, source: string, sourceRef: string): Promise<boolean> {
  const [row] = await db
    .select({ id: enforcementViolations.id })
    .from(enforcementViolations)
    .where(and(eq(enforcementViolations.source, source), eq(enforcementViolations.sourceRef, sourceRef)))
    .limit(1);
  return Boolean(row);
}

const standing = ne(enforcementViolations.appealState, 'approved');

/** Violations of an account since `since` that stand (not overturned on appeal): its strikes. */
export async function standingCount(db: Executor, accountId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(enforcementViolations)
    .where(and(eq(enforcementViolations.accountId, accountId), gte(enforcementViolations.createdAt, since), standing));
  return Number(row?.n ?? 0);
}

/** The standing records of an account that carry a penalty beyond a warning (its restrictions, a ban). */
export async function standingPenalties(db: Executor, accountId: string): Promise<Array<Pick<ViolationRecordRow, 'penalty' | 'restrictions' | 'endsAt'>>> {
  return db
    .select({ penalty: enforcementViolations.penalty, restrictions: enforcementViolations.restrictions, endsAt: enforcementViolations.endsAt })
    .from(enforcementViolations)
    .where(and(eq(enforcementViolations.accountId, accountId), standing, inArray(enforcementViolations.penalty, ['restricted', 'suspended', 'banned'])));
}

/** An account's records, newest first. */
export async function listAccountViolations(db: Executor, accountId: string, limit: number): Promise<ViolationRecordRow[]> {
  return db
    .select()
    .from(enforcementViolations)
    .where(eq(enforcementViolations.accountId, accountId))
    .orderBy(desc(enforcementViolations.createdAt), desc(enforcementViolations.id))
    .limit(limit);
}

export async function findViolationRecord(db: Executor, id: string): Promise<ViolationRecordRow | undefined> {
  const [row] = await db.select().from(enforcementViolations).where(eq(enforcementViolations.id, id)).limit(1);
  return row;
}

/** Files the one appeal of a record; undefined when it was appealed already (a race included). */
export async function fileAppeal(db: Executor, id: string, reason: string, at: Date): Promise<ViolationRecordRow | undefined> {
  const [row] = await db
    .update(enforcementViolations)
    .set({ appealState: 'pending', appealReason: reason, appealedAt: at })
    .where(and(eq(enforcementViolations.id, id), eq(enforcementViolations.appealState, 'none')))
    .returning();
  return row;
}

/** Decides a pending appeal; undefined when it is not pending. */
export async function decideAppealRow(db: Executor, id: string, state: 'approved' | 'rejected', note: string, at: Date): Promise<ViolationRecordRow | undefined> {
  const [row] = await db
    .update(enforcementViolations)
    .set({ appealState: state, appealNote: note, appealDecidedAt: at })
    .where(and(eq(enforcementViolations.id, id), eq(enforcementViolations.appealState, 'pending')))
    .returning();
  return row;
}

/** Records for the platform's review: with their account, pending appeals first when asked. */
export async function listViolationsForReview(db: Executor, opts: { appeal?: 'pending'; limit: number }) {
  return db
    .select({ record: enforcementViolations, appid: accounts.appid, accountName: accounts.name, accountType: accounts.type })
    .from(enforcementViolations)
    .innerJoin(accounts, eq(accounts.id, enforcementViolations.accountId))
    .where(opts.appeal ? eq(enforcementViolations.appealState, opts.appeal) : undefined)
    .orderBy(desc(enforcementViolations.createdAt), desc(enforcementViolations.id))
    .limit(opts.limit);
}

/** Inserts a report; undefined when this follower already reported this target. */
export async function insertReport(db: Executor, values: typeof enforcementReports.$inferInsert): Promise<ReportRow | undefined> {
  const [row] = await db.insert(enforcementReports).values(values).onConflictDoNothing().returning();
  return row;
}

/** Reports of an account since `since` that no violation used yet. */
export async function unusedReports(db: Executor, accountId: string, since: Date): Promise<ReportRow[]> {
  return db
    .select()
    .from(enforcementReports)
    .where(and(eq(enforcementReports.accountId, accountId), gte(enforcementReports.createdAt, since), isNull(enforcementReports.violationId)))
    .orderBy(asc(enforcementReports.createdAt), asc(enforcementReports.id))
    .limit(1000);
}

export async function linkReports(db: Executor, ids: string[], violationId: string): Promise<void> {
  if (ids.length > 0) await db.update(enforcementReports).set({ violationId }).where(inArray(enforcementReports.id, ids));
}

/** The platform's report queue, newest first. */
export async function listReports(db: Executor, limit: number) {
  return db
    .select({ report: enforcementReports, appid: accounts.appid, accountName: accounts.name, reporter: followerUsers.nickname })
    .from(enforcementReports)
    .innerJoin(accounts, eq(accounts.id, enforcementReports.accountId))
    .innerJoin(followerUsers, eq(followerUsers.id, enforcementReports.userId))
    .orderBy(desc(enforcementReports.createdAt), desc(enforcementReports.id))
    .limit(limit);
}

/** Moderation findings of content pushed or published (previews do not count) not recorded yet, oldest first. */
export async function unrecordedModerationFindings(db: Executor, limit: number) {
  return db
    .select()
    .from(moderationViolations)
    .where(
      and(
        inArray(moderationViolations.action, ['broadcast', 'publish']),
        notExists(
        db
          .select({ one: sql`1` })
          .from(enforcementViolations)
          .where(and(eq(enforcementViolations.source, 'moderation'), eq(enforcementViolations.sourceRef, sql`${moderationViolations.id}::text`))),
        ),
      ),
    )
    .orderBy(asc(moderationViolations.id))
    .limit(limit);
}

/** What answers an inquiry: a reply by the developer's server, the kf API, a representative or an auto-reply. */
const ANSWERS = ['passive', 'custom', 'kf', 'autoreply'];
/** Inquiries: what a follower typed or sent (events and menu clicks are not questions). */
const INQUIRY_TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'file'];

const reply = alias(conversationMessages, 'reply');
const m = conversationMessages;

const unanswered = (db: Executor) =>
  and(
    eq(m.direction, 'in'),
    eq(m.source, 'user'),
    inArray(m.msgType, INQUIRY_TYPES),
    notExists(
      db
        .select({ one: sql`1` })
        .from(reply)
        .where(and(eq(reply.accountId, m.accountId), eq(reply.userId, m.userId), eq(reply.direction, 'out'), inArray(reply.source, ANSWERS), gt(reply.id, m.id))),
    ),
  );

/**
 * The response board of an account: each conversation whose follower waits for an answer, with
 * the first unanswered inquiry (its time says how long they have waited), oldest first.
 */
export async function waitingConversations(db: Executor, accountId: string, since: Date, limit: number) {
  const rows = await db
    .selectDistinctOn([m.userId], { userId: m.userId, openid: m.openid, nickname: followerUsers.nickname, messageId: m.id, msgType: m.msgType, content: m.content, createdAt: m.createdAt })
    .from(m)
    .innerJoin(followerUsers, eq(followerUsers.id, m.userId))
    .where(and(eq(m.accountId, accountId), gte(m.createdAt, since), unanswered(db)))
    .orderBy(m.userId, asc(m.id));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.messageId - b.messageId).slice(0, limit);
}

/** Accounts with at least `threshold` conversations waiting since before `lateBefore` (and after `since`). */
export async function accountsWithLateInquiries(db: Executor, since: Date, lateBefore: Date, threshold: number, limit: number) {
  const n = countDistinct(m.userId);
  return db
    .select({ accountId: m.accountId, late: n })
    .from(m)
    .where(and(gte(m.createdAt, since), lte(m.createdAt, lateBefore), unanswered(db)))
    .groupBy(m.accountId)
    .having(gte(n, threshold))
    .limit(limit);
}

/** Whether message `id` is one the account sent this follower (what the phone can report). */
export async function messageToFollower(db: Executor, id: number, accountId: string, userId: string): Promise<{ content: unknown; msgType: string } | undefined> {
  const [row] = await db
    .select({ content: m.content, msgType: m.msgType })
    .from(m)
    .where(and(eq(m.id, id), eq(m.accountId, accountId), eq(m.userId, userId), eq(m.direction, 'out')))
    .limit(1);
  return row;
}
