/**
 * Who may become a WeChat Pay merchant (reference §8, the seed): a verified service account,
 * with a mainland-China settlement bank account (corporate for an enterprise), and the fee rate
 * its industry category sets. Pure.
 */
import { DomainError } from '../../../platform/errors.js';

export const ENTITY_TYPES = ['enterprise', 'individual', 'government', 'institution', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * Industry categories and their fee rates in basis points. Only the standard 0.6% is reported
 * widely; the others are configuration with documented defaults, not facts (reference §8).
 */
export const INDUSTRY_FEE_BP = {
  standard: 60,
  reduced: 20,
  public_welfare: 0,
} as const;
export type Industry = keyof typeof INDUSTRY_FEE_BP;

/** An application as the console or simulator sends it. */
export interface MerchantApplication {
  account: { type: string; verified: boolean };
  entityType: EntityType;
  /** True for an entity registered outside mainland China. */
  foreign: boolean;
  bankAccount: { type: 'corporate' | 'personal'; mainland: boolean } | null;
}

/** Throws the refusal of an application that may not proceed, with its reason. */
export function checkApplication(a: MerchantApplication): void {
  if (a.account.type !== 'service') {
    throw new DomainError('forbidden', 'Only service accounts (服务号) can apply for WeChat Pay; subscription accounts cannot.', { reason: 'not_service_account' });
  }
  if (!a.account.verified) {
    throw new DomainError('forbidden', 'The service account must be verified (微信认证) before applying for WeChat Pay.', { reason: 'not_verified' });
  }
  if (!a.bankAccount || !a.bankAccount.mainland) {
    throw new DomainError('forbidden', a.foreign
      ? 'A foreign entity needs a mainland-China bank account to settle WeChat Pay; without one the application is refused.'
      : 'WeChat Pay settles only to a mainland-China bank account.', { reason: 'no_mainland_bank_account' });
  }
  if (a.entityType === 'enterprise' && a.bankAccount.type !== 'corporate') {
    throw new DomainError('forbidden', 'An enterprise settles to a corporate (对公) bank account only.', { reason: 'enterprise_needs_corporate_account' });
  }
}

/** The APIv3 key: 32 ASCII letters and digits. */
export const API_KEY = /^[A-Za-z0-9]{32}$/;
