import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { readJsonBody, sendRefusal, validate } from '../../platform/http/jsonRoute.js';
import { CONTROL_MULTILINE, LONE_SURROGATE } from '../../platform/text.js';
import type { SimLookups } from './lookups.js';

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

/** The account row the simulator works on: whatever the accounts module's lookup returns. */
export type SimAccount = Services['kits']['sim'] extends SimLookups<infer A> ? A : never;

/** The account an :appid names, in any organization; 404 for unknown ones. */
export async function simAccount(services: Pick<Services, 'db' | 'kits'>, appid: string): Promise<SimAccount> {
  const account = await services.kits.sim.accountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  return account;
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


/** Text without control characters (they cannot travel in WeChat's XML). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text.')
    .refine((s) => !CONTROL_MULTILINE.test(s), 'must not contain control characters.');
