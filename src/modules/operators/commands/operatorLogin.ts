import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { decoyHash, hashPassword, MAX_PASSWORD_LENGTH, needsRehash, verifyPassword } from '../../../platform/password.js';
import { DomainError } from '../../../platform/errors.js';
import { findOperatorByEmail, replaceOperatorPasswordHash } from '../store/operators.js';
import { deleteExpiredSessions, insertSession } from '../store/sessions.js';
import type { OperatorView } from './operatorCreator.js';

/** How long a console session lives. */
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Remembers login attempts to slow down guessing. The console and the phone keep one in memory
 * each (platform/http/loginThrottle.ts); the command only asks and reports.
 */
export interface LoginAttempts {
  /** Milliseconds until another attempt for this email or address is allowed (0 = now). */
  retryAfterMs(email: string, ip: string): number;
  /**
   * Checks and counts an attempt in one step, before any hashing, so parallel attempts count.
   * Returns 0 to go on, or the milliseconds to wait (the attempt is then refused, not counted).
   */
  begin(email: string, ip: string): number;
  failed(email: string, ip: string): void;
  /** Clears the counters a success proves were not a guesser's (the account, the address). */
  succeeded(email: string, ip?: string): void;
}

/** Counts the attempt before any hashing; refuses with rate_limited when it must wait. */
export function beginLoginAttempt(attempts: LoginAttempts, email: string, ip: string): void {
  const wait = attempts.begin(email, ip);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new DomainError('rate_limited', `Too many failed attempts. Try again in ${seconds} s.`, { retryAfterSec: seconds });
  }
}

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address, for throttling. */
  ip: string;
}

export interface LoginResult {
  /** The cookie value. Only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  operator: OperatorView;
}

/** The stored form of a session token. */
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

const INVALID = 'Incorrect email or password.';

/**
 * Checks an operator's credentials and opens a session. Failures are deliberately alike
 * (unknown email and wrong password give the same answer after the same work), and repeated
 * failures are refused with rate_limited before any hashing is done.
 */
export async function loginOperator(
  services: Pick<Services, 'db' | 'clock'>,
  input: LoginInput,
  attempts: LoginAttempts,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // Counted as a failure from here on, so attempts running in parallel are counted too.
  beginLoginAttempt(attempts, email, input.ip);
  if (input.password.length > MAX_PASSWORD_LENGTH || email.length > 254) {
    throw new DomainError('invalid_credentials', INVALID);
  }
  const operator = await findOperatorByEmail(services.db, email);
  const ok = await verifyPassword(input.password, operator?.passwordHash ?? (await decoyHash()));
  if (!operator || !ok) {
    throw new DomainError('invalid_credentials', INVALID);
  }
  attempts.succeeded(email, input.ip);
  // A hash made at an older, lower scrypt cost is replaced now that the password is known.
  if (needsRehash(operator.passwordHash)) await replaceOperatorPasswordHash(services.db, operator.id, operator.passwordHash, await hashPassword(input.password));

  const now = services.clock.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deleteExpiredSessions(services.db, operator.id, now);
  await insertSession(services.db, { tokenHash: hashSessionToken(token), operatorId: operator.id, csrfToken, createdAt: now, expiresAt });
  return {
    token,
    csrfToken,
    expiresAt,
    operator: {
      id: operator.id,
      orgId: operator.orgId,
      email: operator.email,
      name: operator.name,
      role: operator.role,
      platformAdmin: operator.platformAdmin,
    },
  };
}
