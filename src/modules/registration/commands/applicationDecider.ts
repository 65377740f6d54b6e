import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { accountNameTaken, registerAccount } from '../../accounts/index.js';
import { findOperatorById } from '../../operators/index.js';
import { queueMail } from '../../mail/index.js';
import { REJECTION_REASONS } from '../rules/application.js';
import { visibleInMainland } from '../rules/foreign.js';
import { insertDecision, lockApplication, lockKey, updateApplication, type ApplicationRow } from '../store.js';
import { applicationNotFound } from './access.js';
import { nameTaken } from './applicationSaver.js';
import { approvedMail, rejectedMail } from './mails.js';

export const NOTE_MAX_CHARS = 2000;

export interface DecisionInput {
  decision: 'approve' | 'reject';
  /** On rejection: one or more of the seed's reasons. */
  reasons: readonly string[];
  note: string;
}

/**
 * A platform administrator decides an application in review or an appeal. Rejecting names one
 * or more of the seed's reasons (document inconsistency, low-quality scan, mismatched regional
 * data) and a note; approving opens the account (AppID, AppSecret; unverified). Either way the
 * decision is kept and the applicant is mailed, in the same transaction.
 */
export async function decideApplication(services: Services, reviewerId: string, applicationId: string, input: DecisionInput): Promise<ApplicationRow> {
  const reasons = [...new Set(input.reasons)];
  const note = input.note.trim();
  if ([...note].length > NOTE_MAX_CHARS) throw new DomainError('note_too_long', `The note must be at most ${NOTE_MAX_CHARS} characters.`);
  if (input.decision === 'reject') {
    if (reasons.length === 0) throw new DomainError('reasons_required', 'Choose at least one reason for the rejection.', { fields: [{ path: 'reasons', code: 'reasons_required', message: 'reasons_required' }] });
    if (reasons.some((r) => !(REJECTION_REASONS as readonly string[]).includes(r))) throw new DomainError('invalid_reason', 'Choose reasons from the list.');
  }
  return withTransaction(services, async (tx, after) => {
    const app = await lockApplication(tx, applicationId);
    if (!app) throw applicationNotFound();
    if (app.status !== 'in_review' && app.status !== 'appealed') throw new DomainError('not_in_review', 'This application is not waiting for a decision.');
    const now = services.clock.now();
    const applicant = app.operatorId ? await findOperatorById(tx, app.operatorId) : undefined;
    let updated: ApplicationRow;
    if (input.decision === 'approve') {
      const name = app.name ?? '';
      await lockKey(tx, `regname:${name.toLowerCase()}`);
      if (await accountNameTaken(tx, name)) throw nameTaken();
      const { account } = await registerAccount(tx, {
        orgId: app.orgId,
        type: app.accountType === 'service' ? 'service' : 'subscription',
        name,
        wechatId: app.wechatId,
        description: app.description ?? '',
        verified: false,
        // The foreign-entity rules: an overseas entity's service account is hidden from mainland China.
        mainlandVisible: !app.jurisdiction || visibleInMainland({
          accountType: app.accountType === 'service' ? 'service' : 'subscription',
          operatingRegion: app.operatingRegion ?? '',
          jurisdiction: app.jurisdiction,
          chineseLicence: app.chineseLicence,
          partnerEntity: app.partnerEntity,
        }),
      });
      updated = await updateApplication(tx, app.id, { status: 'approved', accountId: account.id, dueAt: null, updatedAt: now });
      if (applicant) await queueMail(services, tx, approvedMail(applicant.email, app, account.appid, services.config.publicUrl));
    } else {
      updated = await updateApplication(tx, app.id, { status: 'rejected', dueAt: null, updatedAt: now });
      if (applicant) await queueMail(services, tx, rejectedMail(applicant.email, app, reasons, note, services.config.publicUrl));
    }
    await insertDecision(tx, {
      applicationId: app.id,
      decision: input.decision === 'approve' ? 'approved' : 'rejected',
      reasons: input.decision === 'reject' ? reasons : [],
      note,
      onAppeal: app.status === 'appealed',
      reviewerId,
      decidedAt: now,
    });
    after.wake('mailQueued');
    return updated;
  });
}
