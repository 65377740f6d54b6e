import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { decoyHash, hashPassword, MAX_PASSWORD_LENGTH, needsRehash, verifyPassword } from '../../../platform/password.js';
import { findFollowerByEmail, replaceFollowerPasswordHash } from '../store/phoneDirectory.js';
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
  // A hash made at an older, lower scrypt cost is replaced now that the password is known.
  if (user.passwordHash && needsRehash(user.passwordHash)) await replaceFollowerPasswordHash(services.db, user.id, user.passwordHash, await hashPassword(input.password));
  return user;
}
