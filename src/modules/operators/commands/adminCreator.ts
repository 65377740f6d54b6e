import type { Database } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { insertOrganization } from '../store/organizations.js';
import { createOperator, type OperatorView } from './operatorCreator.js';

/** A platform administrator's password: at least this many characters. */
export const ADMIN_MIN_PASSWORD_LENGTH = 12;

export interface CreateAdminInput {
  email: string;
  password: string;
  /** The organization created for the administrator. */
  orgName: string;
  name?: string;
}

/** Refuses a weak administrator password (weak_password): checked before anything is opened. */
export function checkAdminPassword(password: string): void {
  if (password.length < ADMIN_MIN_PASSWORD_LENGTH || new Set(password).size < 4) {
    throw new DomainError('weak_password', `An administrator's password must be at least ${ADMIN_MIN_PASSWORD_LENGTH} characters, with at least 4 different characters.`);
  }
}

/**
 * Creates the first (or another) platform administrator: a new organization and its owner,
 * with platform administration, in one transaction (a refused email leaves no organization
 * behind). The password must be at least 12 characters and not one character repeated.
 */
export async function createPlatformAdmin(database: Pick<Database, 'db'>, input: CreateAdminInput): Promise<OperatorView & { orgName: string }> {
  const password = input.password;
  checkAdminPassword(password);
  const orgName = input.orgName.trim();
  if (orgName.length < 1 || orgName.length > 100) throw new DomainError('invalid_name', 'Organization name must be 1 to 100 characters.');
  const email = input.email.trim();
  const name = (input.name ?? email.split('@')[0] ?? '').trim().slice(0, 100) || 'Administrator';
  return database.db.transaction(async (tx) => {
    const org = await insertOrganization(tx, orgName);
    const op = await createOperator(tx, { orgId: org.id, email, name, password, role: 'owner', platformAdmin: true });
    return { ...op, orgName };
  });
}
