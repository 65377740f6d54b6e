import { createHash, randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MIME, documentFilename, imageSize, sniffDocument } from '../../registration/rules/documents.js';
import { MAX_VERIFICATION_DOCUMENTS, VERIFICATION_DOCUMENT_KINDS } from '../rules/verification.js';
import { verificationDocuments } from '../schema.js';
import { insertVerificationDocument, type VerificationDocumentRow, type VerificationRow } from '../store.js';

/**
 * Adds a document to an open verification application with registration's checks
 * (registration/rules/documents.ts): a JPEG, PNG or PDF of at most 5 MB, judged from its bytes,
 * kept in the media storage and never served publicly.
 */
export async function uploadVerificationDocument(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  app: VerificationRow,
  file: { kind: string; bytes: Buffer; filename?: string },
): Promise<VerificationDocumentRow> {
  if (app.status !== 'awaiting_payment' && app.status !== 'in_review') throw new DomainError('verification_closed', 'This application has been decided; documents cannot be added.');
  if (!(VERIFICATION_DOCUMENT_KINDS as readonly string[]).includes(file.kind)) throw new DomainError('invalid_document_kind', 'Choose what the document is.');
  if (file.bytes.length === 0) throw new DomainError('document_empty', 'Choose a file to upload.');
  if (file.bytes.length > DOCUMENT_MAX_BYTES) throw new DomainError('document_too_large', 'A document must be at most 5 MB.');
  const format = sniffDocument(file.bytes);
  if (!format) throw new DomainError('document_type', 'A document must be a JPEG or PNG scan, or a PDF.');
  const [{ n }] = await services.db.select({ n: count() }).from(verificationDocuments).where(eq(verificationDocuments.applicationId, app.id));
  if (n >= MAX_VERIFICATION_DOCUMENTS) throw new DomainError('too_many_documents', `An application holds at most ${MAX_VERIFICATION_DOCUMENTS} documents.`);
  const size = imageSize(file.bytes, format);
  const key = `ver_${randomBytes(24).toString('base64url')}`;
  // Bytes first: a row never points at bytes that are not there.
  await services.mediaStorage.put(key, file.bytes);
  return insertVerificationDocument(services.db, {
    applicationId: app.id,
    kind: file.kind,
    filename: documentFilename(file.filename, format, file.kind),
    contentType: DOCUMENT_MIME[format],
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storageKey: key,
    width: size?.width ?? null,
    height: size?.height ?? null,
    uploadedAt: services.clock.now(),
  });
}
