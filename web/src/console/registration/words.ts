import { ApiError, errorMessage } from '../../api/client.js';
import { isChinese } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { COUNTRIES } from '../../../../src/modules/registration/rules/countries.js';

/** Catalog keys of the registration's words, written out so the catalogs test finds each. */
export const SUBJECT_LABELS: Record<string, string> = {
  individual: 'registration.subjectIndividual',
  enterprise: 'registration.subjectEnterprise',
  media: 'registration.subjectMedia',
  government: 'registration.subjectGovernment',
  other: 'registration.subjectOther',
};

export const TYPE_LABELS: Record<string, string> = {
  subscription: 'registration.typeSubscription',
  service: 'registration.typeService',
};

export const STATUS_LABELS: Record<string, string> = {
  draft: 'registration.statusDraft',
  in_review: 'registration.statusInReview',
  rejected: 'registration.statusRejected',
  appealed: 'registration.statusAppealed',
  approved: 'registration.statusApproved',
};

export const REASON_LABELS: Record<string, string> = {
  document_inconsistency: 'registration.reasonDocumentInconsistency',
  low_quality_scan: 'registration.reasonLowQualityScan',
  mismatched_regional_data: 'registration.reasonMismatchedRegionalData',
};

export const DOCUMENT_LABELS: Record<string, string> = {
  business_registration: 'registration.docBusinessRegistration',
  operating_licence: 'registration.docOperatingLicence',
  admin_id: 'registration.docAdminId',
  contact_details: 'registration.docContactDetails',
};

/** What each problem code of the form means, in the reader's language. */
const PROBLEM_LABELS: Record<string, string> = {
  individual_subscription_only: 'registration.problemIndividualSubscriptionOnly',
  region_required: 'registration.problemRegionRequired',
  jurisdiction_required: 'registration.problemJurisdictionRequired',
  name_length: 'registration.problemNameLength',
  name_characters: 'registration.problemNameCharacters',
  name_spaces: 'registration.problemNameSpaces',
  name_taken: 'registration.problemNameTaken',
  wechat_id_format: 'registration.problemWechatIdFormat',
  wechat_id_taken: 'registration.problemWechatIdTaken',
  description_length: 'registration.problemDescriptionLength',
  missing_business_registration: 'registration.problemMissingBusinessRegistration',
  missing_admin_id: 'registration.problemMissingAdminId',
  foreign_subscription_needs_licence: 'registration.problemForeignSubscription',
  region_jurisdiction_mismatch: 'registration.problemRegionMismatch',
};

/** Server refusals the registration pages say in the reader's language. */
const REFUSAL_LABELS: Record<string, string> = {
  ...PROBLEM_LABELS,
  link_invalid: 'registration.linkInvalid',
  link_expired: 'registration.linkExpired',
  link_used: 'registration.linkUsed',
  document_type: 'registration.documentType',
  document_too_large: 'registration.documentTooLarge',
  weak_password: 'registration.weakPassword',
  invalid_email: 'registration.invalidEmail',
};

export const label = (map: Record<string, string>, key: string): string => (Object.hasOwn(map, key) ? t(map[key]) : key);

export const problemText = (code: string): string => label(PROBLEM_LABELS, code);

/** A refusal's sentence: the catalog's for the codes above, else the server's. */
export function refusalText(err: unknown): string {
  if (err instanceof ApiError) {
    if (Object.hasOwn(REFUSAL_LABELS, err.code)) return t(REFUSAL_LABELS[err.code]);
    if (err.code === 'registration_cap_reached') {
      return t(err.details?.cap === 'email' ? 'registration.capEmail' : 'registration.capOrganization', { limit: Number(err.details?.limit) || 1 });
    }
    const fields = err.details?.fields;
    if (err.code === 'application_incomplete' && Array.isArray(fields)) return (fields as Array<{ code?: string }>).map((f) => problemText(f.code ?? '')).join(' ');
  }
  return errorMessage(err);
}

/** The countries and regions in the reader's language, sorted by name. */
export function countryOptions(): Array<{ code: string; name: string }> {
  const zh = isChinese();
  const list = COUNTRIES.map(([code, en, cn]) => ({ code, name: zh ? cn : en }));
  return list.sort((a, b) => a.name.localeCompare(b.name, zh ? 'zh-CN' : 'en'));
}

export const countryName = (code: string | null): string => {
  const c = COUNTRIES.find((x) => x[0] === code);
  return c ? (isChinese() ? c[2] : c[1]) : '—';
};
