import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from '../../../platform/password.js';
import { findFollowerByEmail } from '../store/phoneDirectory.js';
import type { FollowerUserRow } from '../store/users.js';
import type { LoginAttempts } from '../../../platform/http/loginThrottle.js';

const INVALID = 'Incorrect email or password.';

/**
 * Checks a phone user's credentials (platform mode). As for operators: unknown email and wrong
 * password answer alike after the same work, and repeated failures are refused with
 * rate_limited before any hashing.
 */
export async function loginFollower(
  services: Pick<Services, 'db'>,
  input: { email: string; password: string; ip: string },
  attempts: LoginAttempts,
): Promise<FollowerUserRow> {
  const email = input.email.trim().toLowerCase();
  const wait = attempts.retryAfterMs(email, input.ip);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new DomainError('rate_limited', `Too many failed attempts. Try again in ${seconds} s.`, { retryAfterSec: seconds });
  }
  if (input.password.length > MAX_PASSWORD_LENGTH || email.length > 254) {
    attempts.failed(email, input.ip);
    throw new DomainError('invalid_credentials', INVALID);
  }
  const user = await findFollowerByEmail(services.db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) {
    attempts.failed(email, input.ip);
    throw new DomainError('invalid_credentials', INVALID);
  }
  attempts.succeeded(email);
  return user;
}
