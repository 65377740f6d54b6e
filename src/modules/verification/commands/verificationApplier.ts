import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { charCount } from '../../../platform/text.js';
import { accountNameTaken, type AccountRow } from '../../accounts/index.js';
import { verifiedAt } from '../../accounts/rules/capabilities.js';
import { NAME_MAX_CHARS, NAME_MIN_CHARS } from '../../accounts/rules/profile.js';
import { feeFor, invoiceNumber, verifiableSubject } from '../rules/verification.js';
import { insertVerification, lockAccount, openVerificationOf, type VerificationRow } from '../store.js';
import { registeredSubject } from './subject.js';

/** What an operator fills in to apply for verification or its renewal. */
export interface VerificationInput {
  subjectType: string;
  subjectName: string;
  chineseRegistration: boolean;
  /** A new account name (the naming right); empty or absent keeps the current name. */
  requestedName?: string | null;
}

/** The subject's full name: 2 to 100 characters. */
const SUBJECT_NAME_MAX = 100;

/**
 * Opens a verification application (微信认证), or a renewal (年审) while the account is verified.
 * Individuals cannot verify; an account opened by registration keeps its registered subject
 * type. The fee (300 RMB by default, none for government) is an invoice the platform
 * administrator marks paid; a free application goes to review at once. One open application per
 * account.
 */
export async function applyForVerification(
  services: Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime' | 'log'>,
  operatorId: string | null,
  account: AccountRow,
  input: VerificationInput,
): Promise<VerificationRow> {
  const registered = await registeredSubject(services.db, account.id);
  const subjectType = registered?.subjectType ?? input.subjectType;
  if (subjectType === 'individual') throw new DomainError('individual_cannot_verify', 'Individual accounts cannot be verified.');
  if (!verifiableSubject(subjectType)) throw new DomainError('invalid_subject_type', 'Choose the subject type: enterprise, media, government or other organization.');
  if (registered && input.subjectType !== registered.subjectType) {
    throw new DomainError('subject_type_mismatch', 'The subject type is the one the account registered with.');
  }
  const subjectName = input.subjectName.trim();
  if (charCount(subjectName) < 2 || charCount(subjectName) > SUBJECT_NAME_MAX) {
    throw new DomainError('invalid_subject_name', `Enter the subject's full name (2 to ${SUBJECT_NAME_MAX} characters).`);
  }
  const requested = input.requestedName?.trim() || null;
  if (requested !== null) {
    if (charCount(requested) < NAME_MIN_CHARS || charCount(requested) > NAME_MAX_CHARS) {
      throw new DomainError('invalid_requested_name', `A name has ${NAME_MIN_CHARS} to ${NAME_MAX_CHARS} characters.`);
    }
    if (requested.toLowerCase() !== account.name.toLowerCase() && (await accountNameTaken(services.db, requested))) {
      throw new DomainError('name_taken', 'Another account already uses that name.');
    }
  }
  const now = services.clock.now();
  const fee = feeFor(subjectType, services.config.verification.feeFen);
  return withTransaction(services, async (tx) => {
    await lockAccount(tx, account.id);
    if (await openVerificationOf(tx, account.id)) throw new DomainError('verification_open', 'This account already has a verification application open.');
    return insertVerification(tx, {
      accountId: account.id,
      operatorId,
      kind: verifiedAt(account, now.getTime()) ? 'renew' : 'verify',
      subjectType,
      subjectName,
      chineseRegistration: registered ? registered.chineseRegistration : input.chineseRegistration,
      requestedName: requested !== null && requested !== account.name ? requested : null,
      feeFen: fee,
      invoiceNo: fee > 0 ? invoiceNumber(now.getTime(), randomBytes(4).toString('hex').toUpperCase().slice(0, 6)) : null,
      status: fee > 0 ? 'awaiting_payment' : 'in_review',
      submittedAt: now,
    });
  });
}
