import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../platform/password.js';
import { createFollowerUser } from './followerUserCreator.js';
import { findFollowerByEmail, lockFollowerEmail, setFollowerCredentials } from '../store/phoneDirectory.js';
import type { FollowerUserRow } from '../store/users.js';

/** What a person gives to sign up on the phone page (platform mode). */
export interface FollowerSignupInput {
  email: string;
  nickname: string;
  password: string;
}

/** Deliberately loose: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The answer for an email that is in use: generic, with no word of who signed up with it.
 * Without email verification (the account-lifecycle issue adds mail) any answer still differs
 * from a successful sign-up, so sign-ups are also throttled per address (phone/authRoutes.ts).
 */
const refused = () => new DomainError('signup_refused', 'Could not sign up with these details. If you already have an account, log in instead.');

/**
 * A person signs up as a WeChat user on a platform-mode Herald: a follower user with an email
 * and a scrypt password hash. Emails are unique case-insensitively; sign-ups of one email are
 * serialised so two racing requests cannot both succeed.
 */
export async function signUpFollower(services: Pick<Services, 'db' | 'clock'>, input: FollowerSignupInput): Promise<FollowerUserRow> {
  const email = input.email.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw new DomainError('invalid_email', 'Enter a valid email address.');
  if (input.nickname.trim().length === 0) throw new DomainError('invalid_user', 'Enter a nickname.');
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('weak_password', `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (input.password.length > MAX_PASSWORD_LENGTH) {
    throw new DomainError('invalid_password', `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  if (await findFollowerByEmail(services.db, email)) throw refused();
  const passwordHash = await hashPassword(input.password);
  return services.db.transaction(async (tx) => {
    await lockFollowerEmail(tx, email);
    if (await findFollowerByEmail(tx, email)) throw refused();
    const user = await createFollowerUser({ db: tx, clock: services.clock }, { nickname: input.nickname });
    return setFollowerCredentials(tx, user.id, email, passwordHash);
  });
}
