import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { MultipartError, parseMultipart, type MultipartPart } from '../../protocol/multipart.js';
import { requireSession } from './auth.js';

/** Room for multipart framing and the small text fields around an uploaded file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * A Fastify scope for console uploads, which need a larger body than the console's JSON limit:
 * bodies arrive as raw bytes up to `maxFileBytes` plus framing, and the session (and CSRF header)
 * is checked before a byte of a large body is read. Register the upload routes in `routes`.
 */
export function consoleUploadScope(api: FastifyInstance, services: Services, maxFileBytes: number, routes: (uploads: FastifyInstance) => void): void {
  void api.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxFileBytes + MULTIPART_OVERHEAD }, (_req, body, done) => done(null, body));
    uploads.addHook('onRequest', async (request) => {
      await requireSession(services, request);
    });
    routes(uploads);
  });
}

/** The raw bytes of an upload; `empty` is the refusal when there are none. */
export function uploadBytes(request: { body: unknown }, empty: () => DomainError): Buffer {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (raw.length === 0) throw empty();
  return raw;
}

/** The parts of a multipart upload; anything else is 415 unsupported_media_type, said as `notMultipart`. */
export function uploadParts(request: { headers: Record<string, unknown> }, raw: Buffer, notMultipart: string): MultipartPart[] {
  try {
    return parseMultipart(raw, String(request.headers['content-type'] ?? ''));
  } catch (err) {
    if (err instanceof MultipartError) throw new DomainError('unsupported_media_type', notMultipart);
    throw err;
  }
}

/**
 * A private document of a multipart upload: the file in field "media", and "kind" saying what
 * it is (cut to 40 characters; the caller checks it against its list).
 */
export function documentUpload(request: { body: unknown; headers: Record<string, unknown> }): { kind: string; bytes: Buffer; filename?: string } {
  const none = () => new DomainError('document_empty', 'Choose a file to upload.');
  const parts = uploadParts(request, uploadBytes(request, none), 'Send the document as multipart/form-data with "kind" and "media" fields.');
  const file = parts.find((p) => p.name === 'media' && p.filename !== undefined);
  const kind = parts.find((p) => p.name === 'kind' && p.filename === undefined)?.data.toString('utf8') ?? '';
  if (!file) throw none();
  return { kind: kind.slice(0, 40), bytes: file.data, filename: file.filename };
}

/** Sends a private document's bytes: shown inline but never rendered as a page of the console's origin. */
export function sendPrivateDocument(reply: FastifyReply, doc: { contentType: string; filename: string }, bytes: Buffer): Buffer {
  reply
    .header('content-type', doc.contentType)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
    .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
    .header('x-content-type-options', 'nosniff');
  return bytes;
}
