import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { DOCUMENT_KINDS } from '../rules/application.js';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MIME, documentFilename, imageSize, lowQualityScan, sniffDocument } from '../rules/documents.js';
import { countDocuments, insertDocument, type DocumentRow } from '../store.js';
import { applicationOfOrg, requireEditable } from './access.js';

/** Documents one application may hold (corrections are added, the reviewer sees them all). */
export const MAX_DOCUMENTS = 20;

/**
 * Adds a document to a draft or rejected application: a JPEG, PNG or PDF of at most 5 MB judged
 * from its bytes, kept in the media storage (never served publicly: only the applicant's
 * organization and platform administrators read it). An image whose shorter side is under
 * 600 px is flagged as a low-quality scan for the reviewer.
 */
export async function uploadDocument(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  orgId: string,
  applicationId: string,
  file: { kind: string; bytes: Buffer; filename?: string },
): Promise<DocumentRow> {
  const app = await applicationOfOrg(services.db, orgId, applicationId);
  requireEditable(app);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(file.kind)) throw new DomainError('invalid_document_kind', 'Choose what the document is.');
  if (file.bytes.length === 0) throw new DomainError('document_empty', 'Choose a file to upload.');
  if (file.bytes.length > DOCUMENT_MAX_BYTES) throw new DomainError('document_too_large', 'A document must be at most 5 MB.');
  const format = sniffDocument(file.bytes);
  if (!format) throw new DomainError('document_type', 'A document must be a JPEG or PNG scan, or a PDF.');
  if ((await countDocuments(services.db, app.id)) >= MAX_DOCUMENTS) throw new DomainError('too_many_documents', `An application holds at most ${MAX_DOCUMENTS} documents.`);
  const size = imageSize(file.bytes, format);
  const key = `reg_${randomBytes(24).toString('base64url')}`;
  // Bytes first: a row never points at bytes that are not there.
  await services.mediaStorage.put(key, file.bytes);
  return insertDocument(services.db, {
    applicationId: app.id,
    kind: file.kind,
    filename: documentFilename(file.filename, format, file.kind),
    contentType: DOCUMENT_MIME[format],
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storageKey: key,
    width: size?.width ?? null,
    height: size?.height ?? null,
    lowQuality: lowQualityScan(size),
    uploadedAt: services.clock.now(),
  });
}
