import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import type { AccountRow } from '../../accounts/index.js';
import { REPORT_CATEGORIES, ruleOfReports, type ReportCategory, type ReportTarget } from '../rules/violations.js';
import { insertReport, linkReports, loadPolicy, lockAccountPenalties, messageToFollower, unusedReports, type ReportRow } from '../store.js';
import { recordViolation } from './violationRecorder.js';

export interface ReportInput {
  account: AccountRow;
  userId: string;
  target: ReportTarget;
  /** The article's link or the message's id; ignored for the account. */
  ref: string;
  category: ReportCategory;
  detail: string;
}

/** What a reported message says, for the record (text, or the kind of message). */
function messageText(msg: { content: unknown; msgType: string }): string {
  const c = msg.content as Record<string, unknown> | null;
  if (c && typeof c.content === 'string') return c.content;
  if (c && typeof c.title === 'string') return c.title;
  return `[${msg.msgType}]`;
}

/**
 * A follower's 投诉 (one per follower and target; a second report of the same target is taken as
 * the first). When the reports no violation used yet come from `reports.threshold` different
 * followers within `reports.windowHours`, they make one violation against the rule most of them
 * chose, and the ladder climbs.
 */
export async function fileReport(services: Services, input: ReportInput): Promise<{ report: ReportRow | null; duplicate: boolean; violationId: string | null }> {
  const { account } = input;
  if (account.status === 'banned') throw new DomainError('not_found', 'No such official account.');
  let ref = '';
  let content = account.name;
  if (input.target === 'message') {
    const id = /^\d{1,15}$/.test(input.ref) ? Number(input.ref) : Number.NaN;
    const msg = Number.isSafeInteger(id) ? await messageToFollower(services.db, id, account.id, input.userId) : undefined;
    if (!msg) throw new DomainError('not_found', 'No such message from this account.');
    ref = String(id);
    content = messageText(msg);
  } else if (input.target === 'article') {
    ref = input.ref.trim();
    if (ref === '') throw new DomainError('invalid_report', 'Say which article you report.', { at: 'ref' });
    content = ref;
  }
  return withTransaction(services, async (tx, after) => {
    await lockAccountPenalties(tx, account.id);
    const now = services.clock.now();
    const inserted = await insertReport(tx, {
      accountId: account.id,
      userId: input.userId,
      targetKind: input.target,
      targetRef: ref,
      category: input.category,
      detail: input.detail,
      createdAt: now,
    });
    if (!inserted) return { report: null, duplicate: true, violationId: null };
    const policy = await loadPolicy(tx);
    const pending = await unusedReports(tx, account.id, new Date(now.getTime() - policy.reports.windowHours * 3_600_000));
    if (new Set(pending.map((r) => r.userId)).size < policy.reports.threshold) return { report: inserted, duplicate: false, violationId: null };
    const category = REPORT_CATEGORIES[inserted.category as ReportCategory];
    const record = await recordViolation(services, tx, after, {
      account,
      rule: ruleOfReports(pending.map((r) => r.category)),
      source: 'report',
      sourceRef: `reports:${inserted.id}`,
      content: `${category.zh}：${content}${input.detail ? `（${input.detail}）` : ''}`,
      contentRef: { kind: input.target, ref: ref || null },
    });
    if (record) await linkReports(tx, pending.map((r) => r.id), record.id);
    return { report: { ...inserted, violationId: record?.id ?? null }, duplicate: false, violationId: record?.id ?? null };
  });
}
