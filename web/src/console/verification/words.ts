import { ApiError, errorMessage } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import type { ConversionRefusal } from '../../../../src/modules/verification/rules/conversion.js';
import type { FailReason } from '../../../../src/modules/verification/rules/verification.js';

/** The words of verification's values, in the reader's language. */

export const SUBJECT_WORDS: Record<string, () => string> = {
  enterprise: () => t('verification.subjectEnterprise'),
  media: () => t('verification.subjectMedia'),
  government: () => t('verification.subjectGovernment'),
  other: () => t('verification.subjectOther'),
};

export const STATUS_WORDS: Record<string, () => string> = {
  awaiting_payment: () => t('verification.statusAwaitingPayment'),
  in_review: () => t('verification.statusInReview'),
  approved: () => t('verification.statusApproved'),
  rejected: () => t('verification.statusRejected'),
};

export const KIND_WORDS: Record<string, () => string> = {
  verify: () => t('verification.kindVerify'),
  renew: () => t('verification.kindRenew'),
};

export const DOCUMENT_WORDS: Record<string, () => string> = {
  business_licence: () => t('verification.docBusinessLicence'),
  admin_id: () => t('verification.docAdminId'),
  authorization_letter: () => t('verification.docAuthorizationLetter'),
  other: () => t('verification.docOther'),
};

export const REASON_WORDS: Record<FailReason, () => string> = {
  documents_unreadable: () => t('verification.reasonDocumentsUnreadable'),
  subject_mismatch: () => t('verification.reasonSubjectMismatch'),
  qualification_missing: () => t('verification.reasonQualificationMissing'),
  contact_failed: () => t('verification.reasonContactFailed'),
  naming_refused: () => t('verification.reasonNamingRefused'),
};

export const REFUSAL_WORDS: Record<ConversionRefusal, () => string> = {
  already_converted: () => t('verification.refusalAlreadyConverted'),
  service_to_subscription: () => t('verification.refusalServiceToSubscription'),
  created_too_early: () => t('verification.refusalCreatedTooEarly'),
  not_verified: () => t('verification.refusalNotVerified'),
  not_chinese_registration: () => t('verification.refusalNotChineseRegistration'),
};

/** A value's word, or the value itself when it has none. */
export const word = (words: Record<string, () => string>, key: string) => (Object.hasOwn(words, key) ? words[key]() : key);

/** A fee in fen as yuan, e.g. ¥300.00. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** A refusal in the reader's words: a conversion's reason, otherwise the server's sentence. */
export function refusalText(err: unknown): string {
  if (err instanceof ApiError && err.code === 'conversion_refused') {
    const reason = String(err.details?.reason ?? '');
    if (Object.hasOwn(REFUSAL_WORDS, reason)) return REFUSAL_WORDS[reason as ConversionRefusal]();
  }
  return errorMessage(err);
}

/** The badge tone of a status. */
export const statusTone = (s: string) => (s === 'approved' ? 'green' : s === 'rejected' ? 'red' : s === 'in_review' ? 'blue' : 'amber');
