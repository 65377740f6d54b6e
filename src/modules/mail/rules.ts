/**
 * What a mail is and how its sending is retried. Pure: no I/O.
 */
import { retryPolicy } from '../../platform/jobs/retry.js';

/** Waits between attempts to hand a mail to the SMTP server: 6 attempts over about 2 hours. */
export const MAIL_RETRY = retryPolicy(['30s', '2m', '10m', '30m', '1h']);

/** How long a sender holds a claimed mail before another may take it (after a crash). */
export const MAIL_LEASE_MS = 2 * 60 * 1000;

/** Longest subject and body Herald writes (mail is composed by Herald, never by a user). */
export const MAIL_SUBJECT_MAX = 200;
export const MAIL_BODY_MAX = 20_000;

/** One address: no spaces, one @, a dot in the domain, no line breaks (no header injection). */
const ADDRESS = /^[^\s@<>"',;:]+@[^\s@<>"',;:]+\.[^\s@<>"',;:]+$/;

/** Whether an address is one Herald will write to. */
export const isMailAddress = (s: string) => s.length <= 254 && ADDRESS.test(s);

/** Cuts a result text to 1 KB for the outbox. */
export const cutResult = (s: string) => (s.length > 1024 ? `${s.slice(0, 1021)}...` : s);
