import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findVerification, type VerificationRow } from '../store.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refusal for an application that does not exist (or is not the caller's). */
export const verificationNotFound = () => new DomainError('not_found', 'No such verification application.');

/** An application by id; when `accountId` is given, only that account's. */
export async function verificationById(db: Executor, id: string, accountId?: string): Promise<VerificationRow> {
  const row = UUID_RE.test(id) ? await findVerification(db, id) : undefined;
  if (!row || (accountId !== undefined && row.accountId !== accountId)) throw verificationNotFound();
  return row;
}

export const isUuid = (s: string) => UUID_RE.test(s);
