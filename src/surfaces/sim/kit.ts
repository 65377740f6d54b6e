import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { readJsonBody, sendRefusal, validate } from '../../platform/http/jsonRoute.js';

/**
 * The simulator's route chain: JSON body parsed from the raw bytes, zod validation, one
 * command, one presenter; errors as HTTP status + `{error: {code, message}}`.
 */

/** Simulator bodies are small JSON documents. */
export const SIM_BODY_LIMIT = 64 * 1024;

/** Simulator bodies: an empty body reads as `{}` (its fields are often all optional). */
const BODY_RULES = { empty: 'empty-object' } as const;

/** Re-exported for the simulator's origin checks and their tests. */
export { isJsonType } from '../../platform/http/jsonRoute.js';

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
        const body = route.body ? validate(route.body, readJsonBody(request, BODY_RULES)) : (undefined as B);
        const query = route.query ? validate(route.query, request.query ?? {}) : (undefined as Q);
        const result = await route.handler({ services, params: (request.params ?? {}) as Record<string, string>, body, query, reply });
        return reply.code(route.status ?? 200).send(result);
      } catch (err) {
        if (err instanceof DomainError) return sendRefusal(reply, err, 'fields');
        throw err;
      }
    },
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text without control characters (they cannot travel in WeChat's XML). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text.')
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters.');
