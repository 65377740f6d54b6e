import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { APPEAL_BUSINESS_DAYS, APPLICATION_ID_RE } from '../rules/application.js';
import { dueAfterBusinessDays } from '../rules/businessDays.js';
import { calendarOf } from './calendar.js';
import { lockApplication, updateApplication, type ApplicationRow } from '../store.js';
import { applicationNotFound } from './access.js';

/** An appeal's text: enough to say what was wrong with the decision, at most 2,000 characters. */
export const APPEAL_MIN_CHARS = 10;
export const APPEAL_MAX_CHARS = 2000;

/**
 * Appeals a rejection, citing the application ID (corrected documents are uploaded to the
 * application first). The appeal is answered within three business days on China's calendar
 * (weekends, public holidays and swapped working days: rules/chinaHolidays.ts).
 */
export async function fileAppeal(services: Services, orgId: string, input: { applicationId: string; text: string }): Promise<ApplicationRow> {
  const cited = input.applicationId.trim().toUpperCase();
  if (!APPLICATION_ID_RE.test(cited)) {
    throw new DomainError('invalid_application_id', 'Enter the application ID as it appears on the application (R20261207-7K3Q9M).', { fields: [{ path: 'application_id', code: 'invalid_application_id', message: 'invalid_application_id' }] });
  }
  const text = input.text.trim();
  const n = [...text].length;
  if (n < APPEAL_MIN_CHARS || n > APPEAL_MAX_CHARS) {
    throw new DomainError('appeal_length', `Explain the appeal in ${APPEAL_MIN_CHARS} to ${APPEAL_MAX_CHARS} characters.`, { fields: [{ path: 'text', code: 'appeal_length', message: 'appeal_length' }] });
  }
  return withTransaction(services, async (tx) => {
    const app = await lockApplication(tx, cited);
    if (!app || app.orgId !== orgId) throw applicationNotFound();
    if (app.status !== 'rejected') throw new DomainError('not_appealable', 'Only a rejected application can be appealed.');
    const now = services.clock.now();
    return updateApplication(tx, app.id, {
      status: 'appealed',
      appealText: text,
      appealedAt: now,
      appealRemindedAt: null,
      dueAt: new Date(dueAfterBusinessDays(now.getTime(), APPEAL_BUSINESS_DAYS, calendarOf(services.config))),
      updatedAt: now,
    });
  });
}
