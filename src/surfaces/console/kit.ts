import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError, httpStatusOf } from '../../platform/errors.js';
import { newRid } from '../../protocol/rid.js';
import { requireSession, type ConsoleSession } from './auth.js';

/** Largest console request body: forms are small; anything bigger is refused before parsing. */
export const CONSOLE_BODY_LIMIT = 64 * 1024;

/**
 * Console-specific statuses on top of httpStatusOf: a failed login is 401, and a callback
 * server that fails verification is 422 (the request was well formed, the server was not).
 */
const CONSOLE_STATUS: Record<string, number> = {
  invalid_credentials: 401,
  server_verification_failed: 422,
  body_too_large: 413,
  unsupported_media_type: 415,
  // The menu and auto-replies while a developer server owns them (console/ownership.ts).
  api_owned: 409,
  // Customer service: who may act, and conflicts over one follower or one representative.
  not_representative: 403,
  kf_unavailable: 403,
  kf_session_other: 409,
  kf_exists: 409,
  kf_already_bound: 409,
  kf_operator_bound: 409,
  kf_not_found: 404,
  // Push posts (console/broadcastErrors.ts): refusals the composer explains.
  push_quota_exceeded: 409,
  content_blocked: 422,
  reprint_confirm: 409,
  reprint_forbidden: 422,
  not_cancellable: 409,
  // Account settings: a WeChat ID is one account's only.
  wechat_id_taken: 409,
};

export const consoleStatusOf = (code: string): number => CONSOLE_STATUS[code] ?? httpStatusOf(code);

/**
 * Text fields that end up in the database: well-formed Unicode without NUL or other control
 * characters (PostgreSQL refuses NUL in text; the rest only ever hides content).
 * `multiline` allows tabs and line breaks (descriptions).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function cleanText(opts: { multiline?: boolean } = {}) {
  const forbidden = opts.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text.')
    .refine((s) => !forbidden.test(s), 'must not contain control characters.');
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ConsoleContext<B, Q> {
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The signed-in operator's session (routes with auth 'none' get a throwing getter). */
  session: ConsoleSession;
  params: Record<string, string>;
  body: B;
  query: Q;
}

export interface ConsoleRoute<B, Q> {
  method: Method;
  /** Relative to /console/api. */
  url: string;
  /** 'session' (default) needs a signed-in operator and, on writes, the CSRF header. */
  auth?: 'session' | 'none';
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Status on success (default 200). */
  status?: number;
  handler(ctx: ConsoleContext<B, Q>): Promise<object>;
}

/** "entries.2: Invalid input" → a message per field, joined for the top-level message. */
function describeIssues(issues: z.ZodError['issues']): { message: string; fields: { path: string; message: string }[] } {
  const fields = issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const message = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  return { message, fields };
}

/** Parses the raw body (a Buffer, see server.ts) as JSON and validates it. */
function parseBody<B>(request: FastifyRequest, schema: z.ZodType<B>): B {
  const raw = request.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (text.trim().length === 0) throw new DomainError('invalid_json', 'A JSON body is required.');
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  // Requiring JSON also means a plain cross-site form can never reach a write.
  if (!type.startsWith('application/json')) {
    throw new DomainError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('invalid_json', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { message, fields } = describeIssues(parsed.error.issues);
    throw new DomainError('invalid_request', message, { fields });
  }
  return parsed.data;
}

function parseQuery<Q>(request: FastifyRequest, schema: z.ZodType<Q>): Q {
  const parsed = schema.safeParse(request.query ?? {});
  if (!parsed.success) {
    const { message, fields } = describeIssues(parsed.error.issues);
    throw new DomainError('invalid_request', message, { fields });
  }
  return parsed.data;
}

const noSession = (): ConsoleSession => {
  throw new DomainError('unauthorized', 'Sign in first.');
};

/** Registers one console route: auth, CSRF, body and query validation, then the handler. */
export function consoleRoute<B = undefined, Q = Record<string, never>>(api: FastifyInstance, services: Services, route: ConsoleRoute<B, Q>): void {
  api.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      const session = route.auth === 'none' ? undefined : await requireSession(services, request);
      const body = route.body ? parseBody(request, route.body) : (undefined as B);
      const query = route.query ? parseQuery(request, route.query) : ({} as Q);
      const ctx: ConsoleContext<B, Q> = {
        services,
        request,
        reply,
        get session() {
          return session ?? noSession();
        },
        params: (request.params ?? {}) as Record<string, string>,
        body,
        query,
      };
      const out = await route.handler(ctx);
      return reply.code(route.status ?? 200).header('cache-control', 'no-store').send(out);
    },
  });
}

/** The console's one error formatter: `{error: {code, message}}` with the code's status. */
export function consoleErrorHandler(services: Services) {
  return (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      const status = consoleStatusOf(err.code);
      const retry = err.details?.retryAfterSec;
      if (status === 429 && typeof retry === 'number') reply.header('retry-after', String(retry));
      return reply.code(status).send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    const statusCode = (err as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const code = statusCode === 413 ? 'body_too_large' : statusCode === 415 ? 'unsupported_media_type' : 'bad_request';
      const message = statusCode === 413 ? `The body is larger than ${CONSOLE_BODY_LIMIT / 1024} KiB.` : err.message;
      return reply.code(statusCode).send({ error: { code, message } });
    }
    const id = newRid(services.clock.nowMs());
    services.log.error({ err, rid: id, url: request.url }, 'console: unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: `Internal error (id ${id})`, id } });
  };
}
