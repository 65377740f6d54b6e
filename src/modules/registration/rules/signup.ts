/**
 * Signing up for the console: how often sign-ups may be asked for (the verification link's
 * lifetime is configuration: HERALD_SIGNUP_LINK_HOURS). Pure: no I/O.
 */

/** Sign-ups one client address may ask for per hour. */
export const SIGNUPS_PER_ADDRESS = { limit: 10, windowMs: 3600_000 };
/** Sign-up mails one email address may be sent per hour (nobody is mail-bombed through Herald). */
export const SIGNUPS_PER_EMAIL = { limit: 3, windowMs: 3600_000 };
/** Verification attempts one client address may make per hour (tokens are unguessable anyway). */
export const VERIFICATIONS_PER_ADDRESS = { limit: 30, windowMs: 3600_000 };

/** Deliberately loose: one @, no spaces, a dot in the domain. Delivery proves the rest. */
const EMAIL = /^[^\s@<>"',;:]+@[^\s@<>"',;:]+\.[^\s@<>"',;:]+$/;
export const isSignupEmail = (s: string) => s.length <= 254 && EMAIL.test(s);
