/**
 * Type conversion (reference: the seed's "Can You Change Your Account Type"): a subscription
 * account created after 2016, verified, whose subject is registered in mainland China, may become
 * a service account once; a service account never becomes a subscription account. Pure: no I/O.
 */
import { chinaDay } from '../../../platform/clock.js';

/** Why an account may not convert (null: it may). */
export type ConversionRefusal =
  | 'already_converted'
  | 'service_to_subscription'
  | 'created_too_early'
  | 'not_verified'
  | 'not_chinese_registration';

export interface ConversionFacts {
  type: string;
  createdAt: Date;
  /** Verified now (on the Herald clock). */
  verified: boolean;
  /** The subject of the latest successful verification is registered in mainland China. */
  chineseRegistration: boolean;
  /** A conversion is on record. */
  converted: boolean;
}

/** The first reason an account may not convert, or null. `createdFrom` is a China day (YYYY-MM-DD). */
export function conversionRefusal(f: ConversionFacts, createdFrom: string): ConversionRefusal | null {
  if (f.converted) return 'already_converted';
  if (f.type !== 'subscription') return 'service_to_subscription';
  if (chinaDay(f.createdAt.getTime()) < createdFrom) return 'created_too_early';
  if (!f.verified) return 'not_verified';
  if (!f.chineseRegistration) return 'not_chinese_registration';
  return null;
}

/** The sentence of each refusal (the console's wording comes from its catalogs; this is the API's). */
export const CONVERSION_REFUSAL_TEXT: Record<ConversionRefusal, string> = {
  already_converted: 'This account has already converted its type; a conversion happens only once.',
  service_to_subscription: 'A service account cannot become a subscription account.',
  created_too_early: 'Only subscription accounts created after 2016 may convert.',
  not_verified: 'Only verified accounts may convert: verify the account first.',
  not_chinese_registration: 'Only accounts whose subject is registered in mainland China may convert.',
};
