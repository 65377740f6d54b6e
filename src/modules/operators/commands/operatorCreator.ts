import type { Executor } from '../../../platform/db/connect.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../platform/password.js';
import { DomainError, dbErrorCode } from '../../../platform/errors.js';
import { findOperatorByEmail, findOrganization, insertOperator } from '../store/operators.js';

export const OPERATOR_ROLES = ['owner', 'admin', 'agent'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface CreateOperatorInput {
  orgId: string;
  email: string;
  name: string;
  /** The password, hashed here; or `passwordHash`, a scrypt hash made earlier (a verified sign-up's). */
  password?: string;
  passwordHash?: string;
  role?: OperatorRole;
  platformAdmin?: boolean;
}

/** An operator as commands hand it around: never the password hash. */
export interface OperatorView {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: string;
  platformAdmin: boolean;
}

/** Deliberately loose: one @, no spaces, a dot in the domain. Delivery proves the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates a console operator in an organization. Emails are unique across the platform,
 * compared case-insensitively; the password is stored as a scrypt hash only.
 */
export async function createOperator(db: Executor, input: CreateOperatorInput): Promise<OperatorView> {
  const email = input.email.trim();
  const name = input.name.trim();
  const role = input.role ?? 'admin';
  if (email.length > 254 || !EMAIL.test(email)) throw new DomainError('invalid_email', 'Enter a valid email address.');
  if (name.length < 1 || name.length > 100) throw new DomainError('invalid_name', 'Name must be 1 to 100 characters.');
  if (input.passwordHash === undefined) {
    const password = input.password ?? '';
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('weak_password', `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw new DomainError('invalid_password', `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
    }
  }
  if (!(OPERATOR_ROLES as readonly string[]).includes(role)) {
    throw new DomainError('invalid_role', `Role must be one of ${OPERATOR_ROLES.join(', ')}.`);
  }
  if (!(await findOrganization(db, input.orgId))) throw new DomainError('not_found', 'Organization not found.');
  if (await findOperatorByEmail(db, email)) throw new DomainError('conflict', 'An operator with this email already exists.');
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? ''));
  try {
    const row = await insertOperator(db, { orgId: input.orgId, email, name, passwordHash, role, platformAdmin: input.platformAdmin ?? false });
    return { id: row.id, orgId: row.orgId, email: row.email, name: row.name, role: row.role, platformAdmin: row.platformAdmin };
  } catch (err) {
    // Two creations racing on one email: the unique index decides.
    if (dbErrorCode(err) === 'unique_violation') throw new DomainError('conflict', 'An operator with this email already exists.');
    throw err;
  }
}
