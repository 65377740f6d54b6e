import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../platform/password.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import type { RateLimiter } from '../../../platform/http/rateLimit.js';
import { findOperatorByEmail } from '../../operators/index.js';
import { queueMail } from '../../mail/index.js';
import { isSignupEmail } from '../rules/signup.js';
import { deletePendingSignups, insertSignup, lockKey } from '../store.js';
import { signupExistsMail, signupVerifyMail } from './mails.js';

/** The stored form of a verification token. */
export const hashSignupToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The console page a verification link opens. */
export const verifyLinkOf = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/console/verify-email?token=${token}`;

/**
 * A person asks to sign up with an email and a password. The answer is the same whether or not
 * the email is in use, so sign-up tells nobody who has an account: a new email gets a
 * verification link (valid HERALD_SIGNUP_LINK_HOURS, once; a newer sign-up replaces it), an
 * email in use gets a mail saying someone tried to sign up with it. Mails per email address are
 * limited (`perEmail`), so nobody is flooded through Herald.
 */
export async function requestSignup(services: Services, input: { email: string; password: string }, perEmail: RateLimiter): Promise<{ email: string }> {
  const email = input.email.trim();
  if (!isSignupEmail(email)) throw new DomainError('invalid_email', 'Enter a valid email address.');
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new DomainError('weak_password', `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (input.password.length > MAX_PASSWORD_LENGTH) throw new DomainError('invalid_password', `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  const wait = perEmail.take(email.toLowerCase());
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new DomainError('rate_limited', `Too many sign-ups for this email. Try again in ${seconds} s.`, { retryAfterSec: seconds });
  }
  const passwordHash = await hashPassword(input.password);
  const token = randomBytes(32).toString('base64url');
  const now = services.clock.now();
  const hours = services.config.signupLinkHours;
  await withTransaction(services, async (tx, after) => {
    await lockKey(tx, `signup:${email.toLowerCase()}`);
    if (await findOperatorByEmail(tx, email)) {
      await queueMail(services, tx, signupExistsMail(email, services.config.publicUrl));
    } else {
      await deletePendingSignups(tx, email);
      await insertSignup(tx, { email, passwordHash, tokenHash: hashSignupToken(token), createdAt: now, expiresAt: new Date(now.getTime() + hours * 3600_000) });
      await queueMail(services, tx, signupVerifyMail(email, verifyLinkOf(services.config.publicUrl, token), hours));
    }
    after.wake('mailQueued');
  });
  return { email };
}
