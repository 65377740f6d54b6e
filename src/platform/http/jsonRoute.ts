import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DomainError, httpStatusOf } from '../errors.js';

/**
 * The JSON route kit the console, the phone and the simulator share: how a body is read
 * (raw bytes, a leading BOM dropped, content type checked), how a zod failure is described
 * (`details.fields`), and how a refusal is answered (`{error: {code, message, details?}}` with
 * the status from `httpStatusOf`). The WeChat API has its own formatter (surfaces/wechat/kit.ts).
 */

/** How a surface reads bodies. */
export interface JsonBodyRules {
  /**
   * 'refuse': an empty body is `invalid_json` ("A JSON body is required."); 'empty-object': it
   * reads as `{}` (the simulator, whose bodies are often all optional).
   */
  empty: 'refuse' | 'empty-object';
}

/**
 * A body must be declared JSON (`application/json`, or `application/<x>+json`). The types a
 * browser may send cross-site without a preflight (a form, text/plain, or none at all: a Blob
 * body, `mode: 'no-cors'`) are refused on every surface, which keeps a web page from driving
 * the console, the phone or a local emulator.
 */
export function isJsonType(contentType: string | undefined): boolean {
  const type = String(contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const WRONG_TYPE = 'Send the body as JSON with Content-Type: application/json.';

/** Reads the raw body (a Buffer, see main/server.ts) as JSON, before validation. */
export function readJsonBody(request: FastifyRequest, rules: JsonBodyRules): unknown {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim().length === 0) {
    if (rules.empty === 'empty-object') return {};
    throw new DomainError('invalid_json', 'A JSON body is required.');
  }
  if (!isJsonType(request.headers['content-type'])) throw new DomainError('unsupported_media_type', WRONG_TYPE);
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('invalid_json', 'The body is not valid JSON.');
  }
}

/** "entries.2: Invalid input": a message per field (20 at most), joined for the top-level message. */
export function describeIssues(issues: z.ZodError['issues']): { message: string; fields: { path: string; message: string }[] } {
  const fields = issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const message = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  return { message, fields };
}

/** Validates a body or query; a mismatch is `invalid_request` with `details.fields`. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { message, fields } = describeIssues(parsed.error.issues);
    throw new DomainError('invalid_request', message, { fields });
  }
  return parsed.data;
}

/**
 * Which `details` an answer shows: 'all' (the console, whose pages read them), or 'fields'
 * (the phone and the simulator): only the validation `fields`, the same on every surface.
 */
export type DetailsShown = 'all' | 'fields';

function detailsOf(err: DomainError, shown: DetailsShown): Record<string, unknown> | undefined {
  if (!err.details) return undefined;
  if (shown === 'all') return err.details;
  return Array.isArray(err.details.fields) ? { fields: err.details.fields } : undefined;
}

/** Answers a refusal: its status, `retry-after` on 429 when known, `{error: {code, message, details?}}`. */
export function sendRefusal(reply: FastifyReply, err: DomainError, shown: DetailsShown = 'all'): FastifyReply {
  const status = httpStatusOf(err.code);
  const retry = err.details?.retryAfterSec;
  if (status === 429 && typeof retry === 'number') reply.header('retry-after', String(retry));
  const details = detailsOf(err, shown);
  return reply.code(status).send({ error: { code: err.code, message: err.message, ...(details ? { details } : {}) } });
}

export interface JsonErrorHandlerOptions {
  /** Logs an unexpected error under an id that is also in the answer. */
  logUnexpected(err: unknown, request: FastifyRequest): string;
  /** The sentence for a body over the limit. */
  bodyTooLarge: string;
  /** Which details answers show (default 'all'). */
  details?: DetailsShown;
  /** Headers a surface adds for a status (the phone's `www-authenticate` on 401). */
  onStatus?(status: number, reply: FastifyReply): void;
}

/**
 * A Fastify error handler for a JSON surface: refusals as above; Fastify's own 4xx (body too
 * large, unsupported type, malformed request) as `body_too_large` / `unsupported_media_type` /
 * `bad_request`; anything else 500 `internal` with the id from the log.
 */
export function jsonErrorHandler(opts: JsonErrorHandlerOptions) {
  return (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      opts.onStatus?.(httpStatusOf(err.code), reply);
      return sendRefusal(reply, err, opts.details);
    }
    const statusCode = (err as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const code = statusCode === 413 ? 'body_too_large' : statusCode === 415 ? 'unsupported_media_type' : 'bad_request';
      const message = statusCode === 413 ? opts.bodyTooLarge : err.message;
      return reply.code(statusCode).send({ error: { code, message } });
    }
    const id = opts.logUnexpected(err, request);
    return reply.code(500).send({ error: { code: 'internal', message: `Internal error (id ${id})`, id } });
  };
}
