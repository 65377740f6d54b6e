/**
 * Verification (微信认证) runs for a year and must be renewed: 首页 warns in the last 30 days
 * before it runs out and says when it has run out. Pure: no I/O.
 */

const DAY_MS = 86_400_000;
/** How long before the end 首页 starts to warn. */
export const VERIFICATION_NOTICE_DAYS = 30;

/** The home's notice about verification running out, if one is due. */
export type VerificationNotice =
  | { kind: 'verification_expiring'; until: string; days_left: number }
  | { kind: 'verification_expired'; until: string };

/**
 * The notice due at `nowMs` for an account verified until `until`: none for an account without a
 * known end or unverified before its end, or one with more than 30 days left; "expiring" (with whole days left,
 * rounded up) within 30 days; "expired" after.
 */
export function verificationNotice(verified: boolean, until: Date | null, nowMs: number): VerificationNotice | null {
  if (!until) return null;
  const left = until.getTime() - nowMs;
  // Expiry clears the verified flag (modules/verification) and keeps the end: still said here.
  if (left <= 0) return { kind: 'verification_expired', until: until.toISOString() };
  if (!verified) return null;
  if (left > VERIFICATION_NOTICE_DAYS * DAY_MS) return null;
  return { kind: 'verification_expiring', until: until.toISOString(), days_left: Math.ceil(left / DAY_MS) };
}
