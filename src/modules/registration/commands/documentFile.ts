import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MIME, documentFilename, imageSize, lowQualityScan, sniffDocument } from '../rules/documents.js';

/** A document's file as stored: what its row records beside the application it belongs to. */
export interface StoredDocumentFile {
  kind: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  width: number | null;
  height: number | null;
  lowQuality: boolean;
}

/**
 * The one check and store of an uploaded document (registration and verification): the kind
 * among `kinds`, a JPEG, PNG or PDF of at most 5 MB judged from its bytes, at most `max` per
 * application (`held` counts them), then the bytes put in the media storage under `prefix`
 * (bytes first: a row never points at bytes that are not there).
 */
export async function storeDocumentFile(
  services: Pick<Services, 'mediaStorage'>,
  file: { kind: string; bytes: Buffer; filename?: string },
  opts: { kinds: readonly string[]; prefix: string; max: number; held: () => Promise<number> },
): Promise<StoredDocumentFile> {
  if (!opts.kinds.includes(file.kind)) throw new DomainError('invalid_document_kind', 'Choose what the document is.');
  if (file.bytes.length === 0) throw new DomainError('document_empty', 'Choose a file to upload.');
  if (file.bytes.length > DOCUMENT_MAX_BYTES) throw new DomainError('document_too_large', 'A document must be at most 5 MB.');
  const format = sniffDocument(file.bytes);
  if (!format) throw new DomainError('document_type', 'A document must be a JPEG or PNG scan, or a PDF.');
  if ((await opts.held()) >= opts.max) throw new DomainError('too_many_documents', `An application holds at most ${opts.max} documents.`);
  const size = imageSize(file.bytes, format);
  const key = `${opts.prefix}_${randomBytes(24).toString('base64url')}`;
  await services.mediaStorage.put(key, file.bytes);
  return {
    kind: file.kind,
    filename: documentFilename(file.filename, format, file.kind),
    contentType: DOCUMENT_MIME[format],
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storageKey: key,
    width: size?.width ?? null,
    height: size?.height ?? null,
    lowQuality: lowQualityScan(size),
  };
}
