import type { FastifyInstance } from 'fastify';
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
