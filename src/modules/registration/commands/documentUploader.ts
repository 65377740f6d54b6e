import type { Services } from '../../../main/services.js';
import { DOCUMENT_KINDS } from '../rules/application.js';
import { storeDocumentFile } from './documentFile.js';
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
  const stored = await storeDocumentFile(services, file, { kinds: DOCUMENT_KINDS, prefix: 'reg', max: MAX_DOCUMENTS, held: () => countDocuments(services.db, app.id) });
  return insertDocument(services.db, {
    applicationId: app.id,
    ...stored,
    uploadedAt: services.clock.now(),
  });
}
