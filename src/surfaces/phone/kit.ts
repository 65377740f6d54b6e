import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { jsonErrorHandler, readJsonBody, validate } from '../../platform/http/jsonRoute.js';
import { newRid } from '../../protocol/rid.js';
import { MultipartError, parseMultipart, type MultipartPart } from '../../protocol/multipart.js';
import { cleanText } from '../console/kit.js';
import { bearerToken, requirePhoneUser, type PhoneUser } from './auth.js';
import { PHONE_TOKEN_HEADER, renewedPhoneToken } from './token.js';

/**
 * The phone API's route chain: bearer-token auth, a JSON body parsed from the raw bytes, zod
 * validation, one command, one presenter; errors as HTTP status + `{error: {code, message}}`.
 */

/** Largest JSON body: the phone sends short forms and messages. */
export const PHONE_BODY_LIMIT = 64 * 1024;

/** Largest media upload (WeChat's own cap for a video a user sends is 10 MB). */
export const PHONE_MEDIA_LIMIT = 10 * 1024 * 1024;

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
  user: PhoneUser;
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

/** Phone bodies: JSON only, never empty. */
const BODY_RULES = { empty: 'refuse' } as const;

const noUser = (): PhoneUser => {
  throw new DomainError('unauthorized', 'Choose who to be first.');
};

/** Users authenticated before their (large) body was read. */
const earlyUsers = new WeakMap<FastifyRequest, PhoneUser>();

/**
 * Registers one phone route: auth, body and query validation, then the handler. A route that
 * takes bodies larger than the JSON limit (uploads) authenticates before the body is read.
 */
export function phoneRoute<B = undefined, Q = Record<string, never>>(api: FastifyInstance, services: Services, route: PhoneRoute<B, Q>): void {
  const large = (route.bodyLimit ?? 0) > PHONE_BODY_LIMIT && route.auth !== 'none';
  api.route({
    method: route.method,
    url: route.url,
    bodyLimit: route.bodyLimit ?? PHONE_BODY_LIMIT,
    ...(large
      ? {
          onRequest: async (request: FastifyRequest) => {
            earlyUsers.set(request, await requirePhoneUser(services, request));
          },
        }
      : {}),
    handler: async (request, reply) => {
      const user = route.auth === 'none' ? undefined : (earlyUsers.get(request) ?? (await requirePhoneUser(services, request)));
      // Platform mode: a token past half its life is replaced; the page keeps the new one.
      const renewed = user ? await renewedPhoneToken(services, bearerToken(request)) : undefined;
      if (renewed) reply.header(PHONE_TOKEN_HEADER, renewed);
      const body = route.body ? validate(route.body, readJsonBody(request, BODY_RULES)) : (undefined as B);
      const query = route.query ? validate(route.query, request.query ?? {}) : ({} as Q);
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

/** The phone API's one error formatter: the shared JSON kit's, with `www-authenticate` on 401. */
export function phoneErrorHandler(services: Services) {
  return jsonErrorHandler({
    bodyTooLarge: 'The body is too large.',
    details: 'fields',
    onStatus(status, reply) {
      if (status === 401) reply.header('www-authenticate', 'Bearer');
    },
    logUnexpected(err, request) {
      const id = newRid(services.clock.nowMs());
      services.log.error({ err, rid: id, url: request.url }, 'phone: unhandled error');
      return id;
    },
  });
}

/** Room for multipart boundaries and headers above an upload's own limit. */
export const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The parts of a phone upload (multipart/form-data, at most four parts): a body that is not
 * multipart answers `invalid_upload` with `hint` (which fields to send) and the parser's reason.
 */
export function phoneMultipart(request: FastifyRequest, hint: string): MultipartPart[] {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  try {
    return parseMultipart(raw, request.headers['content-type'], { maxParts: 4 });
  } catch (err) {
    if (err instanceof MultipartError) throw new DomainError('invalid_upload', `${hint}: ${err.message}`);
    throw err;
  }
}
