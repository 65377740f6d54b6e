import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { accountNameTaken, findAccountById, updateAccountStanding } from '../../accounts/index.js';
import { verifiedAt } from '../../accounts/rules/capabilities.js';
import { queueMail } from '../../mail/index.js';
import { FAIL_REASON_TEXT, FAIL_REASONS, oneYearFrom, renewalBase, type FailReason } from '../rules/verification.js';
import { lockAccount, updateVerification, type VerificationRow } from '../store.js';
import { managerEmails } from '../../operators/index.js';
import { verificationById } from './access.js';
import { queueVerificationEvent } from './events.js';
import { decidedMail } from './mails.js';

/** The reviewer's decision. `naming` decides the name asked for (approve by default). */
export interface VerificationDecision {
  decision: 'approve' | 'reject';
  reasons: readonly string[];
  note: string;
  naming?: 'approve' | 'reject';
}

/** FailReason: the reasons' sentences and the reviewer's note. */
function failReasonOf(reasons: readonly FailReason[], note: string): string {
  return [...reasons.map((r) => FAIL_REASON_TEXT[r]), note.trim()].filter(Boolean).join('；').slice(0, 500);
}

/**
 * Decides an application in review. Approval verifies the account for a year on the Herald clock
 * (a renewal adds the year to the current end while it is ahead), renames it when the naming
 * right was used and the name passes, and pushes qualification_verify_success and
 * naming_verify_success (a renewal: annual_renew); a refused name pushes naming_verify_fail. A
 * failure pushes qualification_verify_fail with FailTime and FailReason. Each decision mails the
 * organization's owners and admins in the same transaction.
 */
export async function decideVerification(
  services: Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime' | 'log' | 'tokens'>,
  reviewerId: string | null,
  id: string,
  d: VerificationDecision,
): Promise<VerificationRow> {
  const reasons = [...new Set(d.reasons)];
  for (const r of reasons) if (!(FAIL_REASONS as readonly string[]).includes(r)) throw new DomainError('invalid_reason', 'Choose the reasons from the list.');
  if (d.decision === 'reject' && reasons.length === 0 && !d.note.trim()) throw new DomainError('reason_required', 'Give at least one reason for a failure.');
  const app0 = await verificationById(services.db, id);
  const decided = await withTransaction(services, async (tx, after) => {
    await lockAccount(tx, app0.accountId);
    const account = await findAccountById(tx, app0.accountId);
    if (!account) throw new DomainError('not_found', 'Account not found.');
    const now = services.clock.now();
    if (d.decision === 'reject') {
      const failReason = failReasonOf(reasons as FailReason[], d.note);
      const row = await updateVerification(tx, app0.id, { status: 'rejected', decidedAt: now, decidedBy: reviewerId, failReason }, 'in_review');
      if (!row) throw new DomainError('not_in_review', 'Only an application in review can be decided.');
      const pending = await queueVerificationEvent(tx, account, { event: 'qualification_verify_fail', failReason }, now);
      for (const to of await managerEmails(tx, account.orgId)) await queueMail(services, tx, decidedMail(to, account, false, failReason, services.config.publicUrl));
      after.wake('mailQueued');
      if (pending) after.wake('deliveriesQueued');
      return row;
    }
    const base = renewalBase(verifiedAt(account, now.getTime()) ? account.verifiedUntil : null, now.getTime());
    const expiresAt = oneYearFrom(base);
    let namingFail: string | null = null;
    if (app0.requestedName) {
      if (d.naming === 'reject') namingFail = failReasonOf(['naming_refused'], d.note);
      else if (app0.requestedName.toLowerCase() !== account.name.toLowerCase() && (await accountNameTaken(tx, app0.requestedName))) namingFail = '名称已被其他帐号使用';
    }
    const row = await updateVerification(tx, app0.id, { status: 'approved', decidedAt: now, decidedBy: reviewerId, expiresAt, namingFailReason: namingFail }, 'in_review');
    if (!row) throw new DomainError('not_in_review', 'Only an application in review can be decided.');
    await updateAccountStanding(tx, account.id, {
      verified: true,
      verifiedUntil: expiresAt,
      ...(app0.requestedName && !namingFail ? { name: app0.requestedName } : {}),
    });
    let pending = false;
    const push = async (event: Parameters<typeof queueVerificationEvent>[2]) => {
      pending = (await queueVerificationEvent(tx, account, event, now)) || pending;
    };
    if (row.kind === 'renew') await push({ event: 'annual_renew', expiredTime: expiresAt });
    else await push({ event: 'qualification_verify_success', expiredTime: expiresAt });
    if (namingFail) await push({ event: 'naming_verify_fail', failReason: namingFail });
    else if (row.kind === 'verify' || app0.requestedName) await push({ event: 'naming_verify_success', expiredTime: expiresAt });
    for (const to of await managerEmails(tx, account.orgId)) await queueMail(services, tx, decidedMail(to, account, true, '', services.config.publicUrl));
    after.wake('mailQueued');
    if (pending) after.wake('deliveriesQueued');
    after.run(() => services.tokens.forgetAccount(account.id));
    return row;
  });
  return decided;
}
