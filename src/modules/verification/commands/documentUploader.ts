import { count, eq } from 'drizzle-orm';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { storeDocumentFile } from '../../registration/index.js';
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
  const held = async () => (await services.db.select({ n: count() }).from(verificationDocuments).where(eq(verificationDocuments.applicationId, app.id)))[0].n;
  const { lowQuality: _lowQuality, ...stored } = await storeDocumentFile(services, file, { kinds: VERIFICATION_DOCUMENT_KINDS, prefix: 'ver', max: MAX_VERIFICATION_DOCUMENTS, held });
  return insertVerificationDocument(services.db, {
    applicationId: app.id,
    ...stored,
    uploadedAt: services.clock.now(),
  });
}
