/**
 * The rules for businesses registered outside mainland China, in one place (the seed, "Can
 * Foreign Companies Register"). Pure: no I/O.
 *
 * - A foreign business may register a service account with its overseas entity when the
 *   operating region chosen is the region where the business is registered.
 * - A subscription account needs a Chinese business licence.
 * - A foreign business without a Chinese legal entity gets a service account that is not
 *   visible to users in mainland China, unless the account is opened and managed by a local
 *   partner under the partner's Chinese entity.
 * - WeChat Pay needs a Chinese bank account (checked where Pay is).
 */
import { MAINLAND_CHINA } from './countries.js';

export interface EntityFacts {
  accountType: 'subscription' | 'service';
  /** ISO 3166-1 alpha-2 of where the account operates. */
  operatingRegion: string;
  /** ISO 3166-1 alpha-2 of where the business is registered. */
  jurisdiction: string;
  /** The business holds a Chinese business licence (a Chinese legal entity). */
  chineseLicence: boolean;
  /** Opened and managed by a local partner under the partner's Chinese entity. */
  partnerEntity: boolean;
}

/** A refusal of the foreign-entity rules, with the field the applicant must change. */
export interface ForeignProblem {
  field: 'account_type' | 'operating_region';
  code: 'foreign_subscription_needs_licence' | 'region_jurisdiction_mismatch';
}

/** Whether the applicant is a foreign business registering with its overseas entity. */
export const registersOverseasEntity = (e: EntityFacts): boolean => e.jurisdiction !== MAINLAND_CHINA && !e.chineseLicence && !e.partnerEntity;

/** What the foreign-entity rules refuse in an application (empty when they allow it). */
export function foreignEntityProblems(e: EntityFacts): ForeignProblem[] {
  if (!registersOverseasEntity(e)) return [];
  if (e.accountType === 'subscription') return [{ field: 'account_type', code: 'foreign_subscription_needs_licence' }];
  if (e.operatingRegion !== e.jurisdiction) return [{ field: 'operating_region', code: 'region_jurisdiction_mismatch' }];
  return [];
}

/** Whether users in mainland China may find and read the account. */
export const visibleInMainland = (e: EntityFacts): boolean => !registersOverseasEntity(e);
