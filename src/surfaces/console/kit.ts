import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { jsonErrorHandler, readJsonBody, validate } from '../../platform/http/jsonRoute.js';
import { newRid } from '../../protocol/rid.js';
import { requireSession, type ConsoleSession } from './auth.js';
import { allowed, refusalOf, type ConsoleAction } from '../../modules/operators/rules/policy.js';
import { CONTROL_MULTILINE, CONTROL_SINGLE_LINE, LONE_SURROGATE } from '../../platform/text.js';

/** Largest console request body: forms are small; anything bigger is refused before parsing. */
export const CONSOLE_BODY_LIMIT = 64 * 1024;

/**
 * Text fields that end up in the database: well-formed Unicode without NUL or other control
 * characters (PostgreSQL refuses NUL in text; the rest only ever hides content).
 * `multiline` allows tabs and line breaks (descriptions).
 */
export function cleanText(opts: { multiline?: boolean } = {}) {
  const forbidden = opts.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE;
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
  /**
   * What the route does, in the operator policy table (modules/operators/rules/policy.ts):
   * checked for the signed-in operator before the body is read or the handler runs.
   */
  action: ConsoleAction;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Status on success (default 200). */
  status?: number;
  handler(ctx: ConsoleContext<B, Q>): Promise<object>;
}

/** Console bodies: JSON only (a plain cross-site form can never reach a write), never empty. */
const BODY_RULES = { empty: 'refuse' } as const;

const noSession = (): ConsoleSession => {
  throw new DomainError('unauthorized', 'Sign in first.');
};

/** One registered console route and the action it names (what the policy test walks). */
export interface ConsoleRouteEntry {
  method: Method;
  /** The full path, /console/api included. */
  path: string;
  auth: 'session' | 'none';
  action: ConsoleAction;
}

const registered = new Map<string, ConsoleRouteEntry>();

/** Every console route registered in this process, with its action. */
export function registeredConsoleRoutes(): ConsoleRouteEntry[] {
  return [...registered.values()];
}

/** Registers one console route: auth, policy, CSRF, body and query validation, then the handler. */
export function consoleRoute<B = undefined, Q = Record<string, never>>(api: FastifyInstance, services: Services, route: ConsoleRoute<B, Q>): void {
  const path = `${api.prefix}${route.url}`;
  registered.set(`${route.method} ${path}`, { method: route.method, path, auth: route.auth ?? 'session', action: route.action });
  api.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      const session = route.auth === 'none' ? undefined : await requireSession(services, request);
      if (session && !allowed(session.operator, route.action)) throw new DomainError('forbidden', refusalOf(route.action));
      const body = route.body ? validate(route.body, readJsonBody(request, BODY_RULES)) : (undefined as B);
      const query = route.query ? validate(route.query, request.query ?? {}) : ({} as Q);
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

/** The console's one error formatter: the shared JSON kit's, logging unexpected errors with an id. */
export function consoleErrorHandler(services: Services) {
  return jsonErrorHandler({
    bodyTooLarge: `The body is larger than ${CONSOLE_BODY_LIMIT / 1024} KiB.`,
    logUnexpected(err, request) {
      const id = newRid(services.clock.nowMs());
      services.log.error({ err, rid: id, url: request.url }, 'console: unhandled error');
      return id;
    },
  });
}
