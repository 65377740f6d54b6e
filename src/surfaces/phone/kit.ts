import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError, httpStatusOf } from '../../platform/errors.js';
import { newRid } from '../../protocol/rid.js';
import { cleanText } from '../console/kit.js';
import type { FollowerUserRow } from '../../modules/followers/store/users.js';
import { requirePhoneUser } from './auth.js';

/**
 * The phone API's route chain: bearer-token auth, a JSON body parsed from the raw bytes, zod
 * validation, one command, one presenter; errors as HTTP status + `{error: {code, message}}`.
 */

/** Largest JSON body: the phone sends short forms and messages. */
export const PHONE_BODY_LIMIT = 64 * 1024;

/** Largest media upload (WeChat's own cap for a video a user sends is 10 MB). */
export const PHONE_MEDIA_LIMIT = 10 * 1024 * 1024;

/** Phone-specific statuses on top of httpStatusOf. */
const PHONE_STATUS: Record<string, number> = {
  invalid_credentials: 401,
  body_too_large: 413,
  unsupported_media_type: 415,
  email_taken: 409,
  // Readers and articles (phone/articleRoutes.ts).
  article_deleted: 410,
  comments_closed: 403,
  followers_only: 403,
  comment_blocked: 403,
  donations_disabled: 403,
};

/** HTTP status for a domain error code on the phone surface. */
export const phoneStatusOf = (code: string): number => PHONE_STATUS[code] ?? httpStatusOf(code);

/**
 * Text that ends up in the database and in XML pushed to developer servers: the console's rule
 * (well-formed Unicode, no control characters), with a length cap.
 */
export function phoneText(max: number, opts: { multiline?: boolean } = {}) {
  return cleanText(opts).max(max, `must be at most ${max} characters.`);
}

type Method = 'GET' | 'POST';

/** What a phone handler receives. */
export interface PhoneContext<B, Q> {
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The follower this tab is signed in as (routes with auth 'none' get a throwing getter). */
  user: FollowerUserRow;
  params: Record<string, string>;
  body: B;
  query: Q;
}

/** One phone route. */
export interface PhoneRoute<B, Q> {
  method: Method;
  /** Relative to /phone/api. */
  url: string;
  /** 'user' (default) needs `Authorization: Bearer <phone token>`. */
  auth?: 'user' | 'none';
  /** The JSON body's schema; without one the raw bytes stay in `request.body` for the handler (uploads). */
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  status?: number;
  /** Overrides PHONE_BODY_LIMIT (uploads). */
  bodyLimit?: number;
  handler(ctx: PhoneContext<B, Q>): Promise<object>;
}

function describeIssues(issues: z.ZodError['issues']): string {
  return issues
    .slice(0, 10)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Parses the raw body (a Buffer, see server.ts) as JSON and validates it. */
function parseBody<B>(request: FastifyRequest, schema: z.ZodType<B>): B {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim().length === 0) throw new DomainError('invalid_json', 'A JSON body is required.');
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
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
  if (!parsed.success) throw new DomainError('invalid_request', describeIssues(parsed.error.issues));
  return parsed.data;
}

function parseQuery<Q>(request: FastifyRequest, schema: z.ZodType<Q>): Q {
  const parsed = schema.safeParse(request.query ?? {});
  if (!parsed.success) throw new DomainError('invalid_request', describeIssues(parsed.error.issues));
  return parsed.data;
}

const noUser = (): FollowerUserRow => {
  throw new DomainError('unauthorized', 'Choose who to be first.');
};

/** Registers one phone route: auth, body and query validation, then the handler. */
export function phoneRoute<B = undefined, Q = Record<string, never>>(api: FastifyInstance, services: Services, route: PhoneRoute<B, Q>): void {
  api.route({
    method: route.method,
    url: route.url,
    bodyLimit: route.bodyLimit ?? PHONE_BODY_LIMIT,
    handler: async (request, reply) => {
      const user = route.auth === 'none' ? undefined : await requirePhoneUser(services, request);
      const body = route.body ? parseBody(request, route.body) : (undefined as B);
      const query = route.query ? parseQuery(request, route.query) : ({} as Q);
      const out = await route.handler({
        services,
        request,
        reply,
        get user() {
          return user ?? noUser();
        },
        params: (request.params ?? {}) as Record<string, string>,
        body,
        query,
      });
      return reply.code(route.status ?? 200).header('cache-control', 'no-store').send(out);
    },
  });
}

/** The phone API's one error formatter: `{error: {code, message}}` with the code's status. */
export function phoneErrorHandler(services: Services) {
  return (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      const status = phoneStatusOf(err.code);
      const retry = err.details?.retryAfterSec;
      if (status === 429 && typeof retry === 'number') reply.header('retry-after', String(retry));
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(status).send({ error: { code: err.code, message: err.message } });
    }
    const statusCode = (err as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const code = statusCode === 413 ? 'body_too_large' : statusCode === 415 ? 'unsupported_media_type' : 'bad_request';
      const message = statusCode === 413 ? 'The body is too large.' : err.message;
      return reply.code(statusCode).send({ error: { code, message } });
    }
    const id = newRid(services.clock.nowMs());
    services.log.error({ err, rid: id, url: request.url }, 'phone: unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: `Internal error (id ${id})`, id } });
  };
}
