import { randomInt } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError, dbErrorCode } from '../../../platform/errors.js';
import { accountTypesFor, ACCOUNT_TYPES, SUBJECT_TYPES, type RegistrationAccountType, type SubjectType } from '../rules/application.js';
import { chinaDateOf } from '../rules/businessDays.js';
import { insertApplication, type ApplicationRow } from '../store.js';

const ID_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A new public application ID: R, the China date, a dash, six letters and digits (R20261207-7K3Q9M). */
export function newApplicationId(nowMs: number): string {
  const tail = Array.from({ length: 6 }, () => ID_CHARS[randomInt(ID_CHARS.length)]).join('');
  return `R${chinaDateOf(nowMs).replaceAll('-', '')}-${tail}`;
}

export interface StartInput {
  accountType: string;
  subjectType: string;
  /** The applicant confirmed that the type cannot be changed later. */
  confirmPermanent: boolean;
}

/**
 * Starts an application: the account type and the subject type come first and are permanent
 * (no route changes them afterwards), so the applicant must confirm that. Individuals may
 * register subscription accounts only. The rest of the form is filled in the draft.
 */
export async function startApplication(services: Pick<Services, 'db' | 'clock'>, who: { orgId: string; operatorId: string }, input: StartInput): Promise<ApplicationRow> {
  if (!(ACCOUNT_TYPES as readonly string[]).includes(input.accountType)) throw new DomainError('invalid_type', 'Account type must be subscription or service.');
  if (!(SUBJECT_TYPES as readonly string[]).includes(input.subjectType)) throw new DomainError('invalid_subject_type', 'Choose individual, enterprise, media, government or other organization.');
  const accountType = input.accountType as RegistrationAccountType;
  const subjectType = input.subjectType as SubjectType;
  if (!accountTypesFor(subjectType).includes(accountType)) {
    throw new DomainError('individual_subscription_only', 'Individuals can register subscription accounts only.', { fields: [{ path: 'account_type', message: 'individual_subscription_only' }] });
  }
  if (!input.confirmPermanent) throw new DomainError('confirm_permanent', 'Confirm that the account type cannot be changed after registration.');
  const now = services.clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertApplication(services.db, {
        applicationId: newApplicationId(now.getTime()),
        orgId: who.orgId,
        operatorId: who.operatorId,
        accountType,
        subjectType,
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      // 34^6 IDs a day: a collision is rare, and the next try takes another.
      if (dbErrorCode(err) !== 'unique_violation' || attempt >= 3) throw err;
    }
  }
}
