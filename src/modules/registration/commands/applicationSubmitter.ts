import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { accountNameTaken, findAccountByWechatId } from '../../accounts/index.js';
import { formProblems, REVIEW_BUSINESS_DAYS, type ApplicationForm } from '../rules/application.js';
import { dueAfterBusinessDays } from '../rules/businessDays.js';
import { calendarOf } from './calendar.js';
import { applicationNameTaken, cappedApplicationCounts, listDocuments, lockApplication, lockKey, updateApplication, type ApplicationRow } from '../store.js';
import { capProblems } from '../rules/caps.js';
import { findOperatorById } from '../../operators/index.js';
import { applicationNotFound, requireEditable } from './access.js';
import { nameTaken } from './applicationSaver.js';

/** The form of a stored application, as the rules read it. */
export const formOf = (app: ApplicationRow): ApplicationForm => ({
  accountType: app.accountType as ApplicationForm['accountType'],
  subjectType: app.subjectType as ApplicationForm['subjectType'],
  operatingRegion: app.operatingRegion,
  jurisdiction: app.jurisdiction,
  name: app.name,
  wechatId: app.wechatId,
  description: app.description,
  chineseLicence: app.chineseLicence,
  partnerEntity: app.partnerEntity,
});

/**
 * Submits a draft, or resubmits a rejected application after corrections: every rule of the
 * form (rules/application.ts, the foreign-entity rules included) must hold, the documents the
 * subject needs must be there, the name must be nobody else's, and the caps (rules/caps.ts:
 * accounts per applicant email and per organization) must not be reached. The application is
 * then in review, due in 7 business days on China's calendar.
 */
export async function submitApplication(services: Services, orgId: string, applicationId: string): Promise<ApplicationRow> {
  return withTransaction(services, async (tx) => {
    const app = await lockApplication(tx, applicationId);
    if (!app || app.orgId !== orgId) throw applicationNotFound();
    requireEditable(app);
    const docs = await listDocuments(tx, app.id);
    const problems = formProblems(formOf(app), docs.map((d) => d.kind));
    if (problems.length > 0) {
      throw new DomainError('application_incomplete', 'Complete the application before submitting it.', {
        fields: problems.map((p) => ({ path: p.field, code: p.code, message: p.code })),
      });
    }
    const name = app.name ?? '';
    await lockKey(tx, `regname:${name.toLowerCase()}`);
    if ((await accountNameTaken(tx, name)) || (await applicationNameTaken(tx, name, app.id))) throw nameTaken();
    if (app.wechatId && (await findAccountByWechatId(tx, app.wechatId))) {
      throw new DomainError('wechat_id_taken', 'That WeChat ID is used by another account.', { fields: [{ path: 'wechat_id', code: 'wechat_id_taken', message: 'wechat_id_taken' }] });
    }
    // The caps: serialised per organization and per email, so two submissions cannot both pass.
    const applicant = app.operatorId ? await findOperatorById(tx, app.operatorId) : undefined;
    await lockKey(tx, `regcap:org:${app.orgId}`);
    if (applicant) await lockKey(tx, `regcap:email:${applicant.email.toLowerCase()}`);
    const counts = await cappedApplicationCounts(tx, app, applicant?.email ?? null);
    const [cap] = capProblems(counts, formOf(app).subjectType, services.config.registrationCaps);
    if (cap) {
      const what = cap.cap === 'email' ? 'this email' : 'this organization';
      throw new DomainError('registration_cap_reached', `At most ${cap.limit} official account(s) may be registered with ${what}, approved or in review.`, { cap: cap.cap, limit: cap.limit });
    }
    const now = services.clock.now();
    return updateApplication(tx, app.id, {
      status: 'in_review',
      submissions: app.submissions + 1,
      submittedAt: now,
      dueAt: new Date(dueAfterBusinessDays(now.getTime(), REVIEW_BUSINESS_DAYS, calendarOf(services.config))),
      appealText: null,
      appealedAt: null,
      updatedAt: now,
    });
  });
}
