import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { createOperator, findOperatorByEmail, insertOrganization } from '../../operators/index.js';
import { findSignupByTokenHash, lockKey, markSignupVerified } from '../store.js';
import { hashSignupToken } from './signupRequester.js';

/** Tokens are 32 random bytes in base64url: anything else was never ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const invalid = () => new DomainError('link_invalid', 'This verification link is not valid. Sign up again to get a new one.');

/**
 * Follows a verification link: opens the person's organization and its owner (the console
 * operator who signs in with the email and password given at sign-up). The link works once and
 * until it expires on the platform clock.
 */
export async function verifySignup(services: Services, token: string): Promise<{ email: string }> {
  if (!TOKEN_SHAPE.test(token)) throw invalid();
  const signup = await findSignupByTokenHash(services.db, hashSignupToken(token));
  if (!signup) throw invalid();
  if (signup.verifiedAt) throw new DomainError('link_used', 'This link was already used. Sign in with your email and password.');
  const now = services.clock.now();
  if (signup.expiresAt.getTime() <= now.getTime()) throw new DomainError('link_expired', 'This verification link has expired. Sign up again to get a new one.');
  return withTransaction(services, async (tx) => {
    await lockKey(tx, `signup:${signup.email.toLowerCase()}`);
    if (await findOperatorByEmail(tx, signup.email)) throw new DomainError('link_used', 'This email already has an account. Sign in with your email and password.');
    const org = await insertOrganization(tx, signup.email);
    const name = (signup.email.split('@')[0] ?? '').slice(0, 100) || signup.email;
    const op = await createOperator(tx, { orgId: org.id, email: signup.email, name, passwordHash: signup.passwordHash, role: 'owner' });
    if (!(await markSignupVerified(tx, signup.id, now, op.id))) throw new DomainError('link_used', 'This link was already used. Sign in with your email and password.');
    return { email: signup.email };
  });
}
