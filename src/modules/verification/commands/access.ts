import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findVerification, findVerificationDocument, type VerificationDocumentRow, type VerificationRow } from '../store.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: string) => UUID_RE.test(s);

/** The refusal for an application that does not exist (or is not the caller's). */
export const verificationNotFound = () => new DomainError('not_found', 'No such verification application.');

/** An application by id; when `accountId` is given, only that account's. */
export async function verificationById(db: Executor, id: string, accountId?: string): Promise<VerificationRow> {
  const row = isUuid(id) ? await findVerification(db, id) : undefined;
  if (!row || (accountId !== undefined && row.accountId !== accountId)) throw verificationNotFound();
  return row;
}


/** A document of an application with its bytes (never public: the caller checked who asks). */
export async function documentWithBytes(services: Pick<Services, 'db' | 'mediaStorage'>, app: VerificationRow, documentId: string): Promise<{ doc: VerificationDocumentRow; bytes: Buffer }> {
  const doc = isUuid(documentId) ? await findVerificationDocument(services.db, app.id, documentId) : undefined;
  const bytes = doc ? await services.mediaStorage.get(doc.storageKey) : undefined;
  if (!doc || !bytes) throw new DomainError('not_found', 'No such document.');
  return { doc, bytes };
}
