/**
 * How many official accounts one applicant may hold or have in review (the platform's caps since
 * 2018-02-10): one email, one account; one company, 个体工商户, institution or other organization,
 * five; one government or media organization, fifty. Configurable (HERALD_REGISTRATION_CAP_*),
 * since the published figures vary. Pure: no I/O.
 */
import type { SubjectType } from './application.js';

export interface RegistrationCaps {
  /** Accounts (approved or in review) per applicant email. */
  perEmail: number;
  /** Per organization (enterprise, other organization). */
  perOrganization: number;
  /** Per government or media organization. */
  perPublicOrganization: number;
}

export const DEFAULT_REGISTRATION_CAPS: RegistrationCaps = { perEmail: 1, perOrganization: 5, perPublicOrganization: 50 };

/** Application statuses that count against a cap: an account opened, or one on its way. */
export const CAPPED_STATUSES = ['in_review', 'appealed', 'approved'] as const;

/** The cap of an organization of this subject type; null for individuals (who are no organization). */
export function organizationCap(subjectType: SubjectType, caps: RegistrationCaps): number | null {
  if (subjectType === 'individual') return null;
  return subjectType === 'government' || subjectType === 'media' ? caps.perPublicOrganization : caps.perOrganization;
}

/** A cap the application would pass, with its limit. */
export interface CapProblem {
  cap: 'email' | 'organization';
  limit: number;
}

/**
 * The caps an application would pass if submitted, given how many other applications of the same
 * email and the same organization already count (CAPPED_STATUSES).
 */
export function capProblems(counts: { sameEmail: number; sameOrganization: number }, subjectType: SubjectType, caps: RegistrationCaps): CapProblem[] {
  const problems: CapProblem[] = [];
  if (counts.sameEmail >= caps.perEmail) problems.push({ cap: 'email', limit: caps.perEmail });
  const orgCap = organizationCap(subjectType, caps);
  if (orgCap !== null && counts.sameOrganization >= orgCap) problems.push({ cap: 'organization', limit: orgCap });
  return problems;
}
