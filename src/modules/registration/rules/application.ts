/**
 * What an application to register an official account must be: the type (chosen first, and
 * permanent), the subject type, the regions, the name, WeChat ID and description, the documents.
 * Pure: no I/O.
 */
import { DESCRIPTION_MAX_CHARS, DESCRIPTION_MIN_CHARS, NAME_MAX_CHARS, NAME_MIN_CHARS, WECHAT_ID_RE } from '../../accounts/rules/profile.js';
import { isCountryCode } from './countries.js';
import { foreignEntityProblems } from './foreign.js';

export const ACCOUNT_TYPES = ['subscription', 'service'] as const;
export type RegistrationAccountType = (typeof ACCOUNT_TYPES)[number];

/** 主体类型: 个人, 企业 (个体工商户 included), 媒体, 政府, 其他组织. */
export const SUBJECT_TYPES = ['individual', 'enterprise', 'media', 'government', 'other'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** The account types a subject may register: individuals subscription accounts only. */
export const accountTypesFor = (subject: SubjectType): readonly RegistrationAccountType[] => (subject === 'individual' ? ['subscription'] : ACCOUNT_TYPES);

/** The documents an application carries. */
export const DOCUMENT_KINDS = ['business_registration', 'operating_licence', 'admin_id', 'contact_details'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What must be uploaded before submitting: the administrator's ID always, the business registration for organizations. */
export const requiredDocuments = (subject: SubjectType): readonly DocumentKind[] => (subject === 'individual' ? ['admin_id'] : ['business_registration', 'admin_id']);

/** The seed's reasons for refusing a registration (one or more per rejection). */
export const REJECTION_REASONS = ['document_inconsistency', 'low_quality_scan', 'mismatched_regional_data'] as const;

/** Business days a registration review takes at most (the old FAQ's 7 working days). */
export const REVIEW_BUSINESS_DAYS = 7;
/** Business days an appeal is answered in (the seed: three business days). */
export const APPEAL_BUSINESS_DAYS = 3;

/** An application's public ID: R, the China date, a dash, six letters and digits. */
export const APPLICATION_ID_RE = /^R\d{8}-[0-9A-Z]{6}$/;

/** Letters, digits, spaces and a few joining marks; at least one letter (no names of symbols only). */
const NAME_CHARS = /^[\p{L}\p{M}\p{N} ·・\-_&.'()（）]+$/u;

const chars = (s: string) => [...s].length;

export type NameProblem = 'name_length' | 'name_characters' | 'name_spaces';

/**
 * The name rules: 2 to 30 characters; letters (any script), digits, spaces and · - _ & . ' ( );
 * at least one letter; no leading, trailing or doubled spaces. Uniqueness is checked against
 * every account and open application (the store).
 */
export function nameProblem(name: string): NameProblem | null {
  const n = chars(name);
  if (n < NAME_MIN_CHARS || n > NAME_MAX_CHARS) return 'name_length';
  if (!NAME_CHARS.test(name) || !/\p{L}/u.test(name)) return 'name_characters';
  if (name !== name.trim() || name.includes('  ')) return 'name_spaces';
  return null;
}

/** The form of an application, as the applicant last saved it. */
export interface ApplicationForm {
  accountType: RegistrationAccountType;
  subjectType: SubjectType;
  operatingRegion: string | null;
  jurisdiction: string | null;
  name: string | null;
  wechatId: string | null;
  description: string | null;
  chineseLicence: boolean;
  partnerEntity: boolean;
}

/** Which field a problem is about, and the stable code the console translates. */
export interface FormProblem {
  field: 'account_type' | 'operating_region' | 'registration_jurisdiction' | 'name' | 'wechat_id' | 'description' | 'documents';
  code: string;
}

/** Every problem that keeps an application from being submitted (empty: it may be). */
export function formProblems(form: ApplicationForm, uploaded: readonly string[]): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!accountTypesFor(form.subjectType).includes(form.accountType)) problems.push({ field: 'account_type', code: 'individual_subscription_only' });
  if (!form.operatingRegion || !isCountryCode(form.operatingRegion)) problems.push({ field: 'operating_region', code: 'region_required' });
  if (!form.jurisdiction || !isCountryCode(form.jurisdiction)) problems.push({ field: 'registration_jurisdiction', code: 'jurisdiction_required' });
  const name = nameProblem(form.name ?? '');
  if (name) problems.push({ field: 'name', code: name });
  if (form.wechatId !== null && !WECHAT_ID_RE.test(form.wechatId)) problems.push({ field: 'wechat_id', code: 'wechat_id_format' });
  const d = chars((form.description ?? '').trim());
  if (d < DESCRIPTION_MIN_CHARS || d > DESCRIPTION_MAX_CHARS) problems.push({ field: 'description', code: 'description_length' });
  for (const kind of requiredDocuments(form.subjectType)) if (!uploaded.includes(kind)) problems.push({ field: 'documents', code: `missing_${kind}` });
  if (form.operatingRegion && form.jurisdiction) {
    problems.push(
      ...foreignEntityProblems({
        accountType: form.accountType,
        operatingRegion: form.operatingRegion,
        jurisdiction: form.jurisdiction,
        chineseLicence: form.chineseLicence,
        partnerEntity: form.partnerEntity,
      }),
    );
  }
  return problems;
}
