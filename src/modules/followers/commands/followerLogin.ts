import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from '../../../platform/password.js';
import { findFollowerByEmail } from '../store/phoneDirectory.js';
import type { FollowerUserRow } from '../store/users.js';
import { beginLoginAttempt, type LoginAttempts } from '../../operators/commands/operatorLogin.js';

const INVALID = 'Incorrect email or password.';

/**
 * Checks a phone user's credentials (platform mode). As for operators: unknown email and wrong
 * password answer alike after the same work, and every attempt is counted before any
 * hashing, so repeated or parallel failures are refused with rate_limited.
 */
export async function loginFollower(
  services: Pick<Services, 'db'>,
  input: { email: string; password: string; ip: string },
  attempts: LoginAttempts,
): Promise<FollowerUserRow> {
  const email = input.email.trim().toLowerCase();
  // Counted as a failure from here on, so attempts running in parallel are counted too.
  beginLoginAttempt(attempts, email, input.ip);
  if (input.password.length > MAX_PASSWORD_LENGTH || email.length > 254) {
    throw new DomainError('invalid_credentials', INVALID);
  }
  const user = await findFollowerByEmail(services.db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) {
    throw new DomainError('invalid_credentials', INVALID);
  }
  attempts.succeeded(email, input.ip);
  return user;
}
