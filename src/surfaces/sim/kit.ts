import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError, httpStatusOf } from '../../platform/errors.js';
import { CONTROL_MULTILINE, LONE_SURROGATE } from '../../platform/text.js';

/**
 * The simulator's route chain: JSON body parsed from the raw bytes, zod validation, one
 * command, one presenter; errors as HTTP status + `{error: {code, message}}`.
 */

/** Simulator bodies are small JSON documents. */
export const SIM_BODY_LIMIT = 64 * 1024;

/** Simulator-specific statuses on top of httpStatusOf (the same choices as the console). */
const SIM_STATUS: Record<string, number> = {
  server_verification_failed: 422,
  unsupported_media_type: 415,
};
/** HTTP status for a domain error code on the simulator surface. */
export const simStatusOf = (code: string): number => SIM_STATUS[code] ?? httpStatusOf(code);

// The content types a browser may send cross-site without a preflight: refusing them keeps a
// web page from driving a local emulator through a plain form.
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function describe(issues: z.ZodError['issues']): string {
  return issues
    .slice(0, 10)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function parseJsonBody(request: FastifyRequest): unknown {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim().length === 0) return {};
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (FORM_TYPES.some((t) => type.startsWith(t))) {
    throw new DomainError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DomainError('invalid_json', `The body is not valid JSON: ${(err as Error).message}`);
  }
}

/** What a simulator handler receives. */
export interface SimContext<B, Q> {
  services: Services;
  params: Record<string, string>;
  body: B;
  query: Q;
  reply: FastifyReply;
}

/** A simulator route: method, path, schemas and one handler. */
export interface SimRoute<B, Q> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to /sim/v1. */
  url: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  status?: number;
  handler(ctx: SimContext<B, Q>): Promise<object>;
}

/** Registers one simulator route. */
export function simRoute<B = undefined, Q = undefined>(app: FastifyInstance, services: Services, route: SimRoute<B, Q>): void {
  app.route({
    method: route.method,
    url: `/sim/v1${route.url}`,
    bodyLimit: SIM_BODY_LIMIT,
    handler: async (request, reply) => {
      try {
        let body = undefined as B;
        if (route.body) {
          const parsed = route.body.safeParse(parseJsonBody(request));
          if (!parsed.success) throw new DomainError('invalid_request', describe(parsed.error.issues));
          body = parsed.data;
        }
        let query = undefined as Q;
        if (route.query) {
          const parsed = route.query.safeParse(request.query ?? {});
          if (!parsed.success) throw new DomainError('invalid_request', describe(parsed.error.issues));
          query = parsed.data;
        }
        const result = await route.handler({ services, params: (request.params ?? {}) as Record<string, string>, body, query, reply });
        return reply.code(route.status ?? 200).send(result);
      } catch (err) {
        if (err instanceof DomainError) {
          return reply.code(simStatusOf(err.code)).send({ error: { code: err.code, message: err.message } });
        }
        throw err;
      }
    },
  });
}


/** Text without control characters (they cannot travel in WeChat's XML). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text.')
    .refine((s) => !CONTROL_MULTILINE.test(s), 'must not contain control characters.');
