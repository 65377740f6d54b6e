import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { jsonErrorHandler, readJsonBody, sendRefusal, validate, type JsonBodyRules } from './jsonRoute.js';

/**
 * The shared JSON kit over real HTTP (Fastify inject): one app with the console's rules
 * (JSON only, never empty) and one route with the simulator's (empty is {}, forms refused).
 */
const Body = z.object({ name: z.string().max(5), count: z.number().int().optional() });

let app: FastifyInstance;
const logged: unknown[] = [];

beforeAll(async () => {
  app = Fastify({ bodyLimit: 1024 });
  app.removeAllContentTypeParsers(); // as main/server.ts: every body arrives as raw bytes
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setErrorHandler(
    jsonErrorHandler({
      bodyTooLarge: 'The body is larger than 1 KiB.',
      onStatus(status, reply) {
        if (status === 401) reply.header('www-authenticate', 'Bearer');
      },
      logUnexpected(err) {
        logged.push(err);
        return 'id-1';
      },
    }),
  );
  const route = (url: string, rules: JsonBodyRules) =>
    app.post(url, async (request) => ({ ok: validate(Body, readJsonBody(request, rules)) }));
  route('/strict', { empty: 'refuse' });
  route('/lenient', { empty: 'empty-object' });
  app.get('/refuse/:code', async (request) => {
    const { code } = request.params as { code: string };
    throw new DomainError(code, `Refused: ${code}.`, code === 'rate_limited' ? { retryAfterSec: 7 } : undefined, { errcode: 45009 });
  });
  // The phone's and simulator's answers: only validation fields among the details.
  app.get('/fields-only/:kind', async (request, reply) => {
    const { kind } = request.params as { kind: string };
    const err = kind === 'validation'
      ? new DomainError('invalid_request', 'name: Required', { fields: [{ path: 'name', message: 'Required' }] })
      : new DomainError('server_verification_failed', 'Your server answered HTTP 401', { reason: 'http_status', status: 401 });
    return sendRefusal(reply, err, 'fields');
  });
  app.get('/boom', async () => {
    throw new Error('database on fire');
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const post = (url: string, payload: string | Buffer, type = 'application/json') =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });

describe('the shared JSON route kit', () => {
  it('reads a JSON body, with or without a byte-order mark', async () => {
    expect((await post('/strict', '{"name":"ab"}')).json()).toEqual({ ok: { name: 'ab' } });
    const bom = await post('/strict', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"ab"}')]));
    expect(bom.statusCode).toBe(200);
    expect(bom.json()).toEqual({ ok: { name: 'ab' } });
    expect((await post('/lenient', '\uFEFF{"name":"cd"}', 'application/json; charset=utf-8')).json()).toEqual({ ok: { name: 'cd' } });
  });

  it('refuses an empty body, or reads it as {} where the surface allows', async () => {
    const empty = await post('/strict', '  ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ error: { code: 'invalid_json', message: 'A JSON body is required.' } });
    const lenient = await post('/lenient', '');
    // {} then fails the schema (name is required): the answer names the field.
    expect(lenient.statusCode).toBe(400);
    expect(lenient.json().error.code).toBe('invalid_request');
    expect(lenient.json().error.details.fields[0].path).toBe('name');
  });

  it('refuses other content types by the surface rule', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const strict = await post('/strict', '{"name":"ab"}', type);
      expect(strict.statusCode).toBe(415);
      expect(strict.json()).toEqual({ error: { code: 'unsupported_media_type', message: 'Send the body as JSON with Content-Type: application/json.' } });
      expect((await post('/lenient', '{"name":"ab"}', type)).statusCode).toBe(415);
    }
    // Not declared JSON: refused on every surface (a Blob body or `no-cors` fetch sends no JSON type).
    expect((await post('/lenient', '{"name":"ab"}', 'application/octet-stream')).statusCode).toBe(415);
    expect((await post('/strict', '{"name":"ab"}', 'application/octet-stream')).statusCode).toBe(415);
    expect((await post('/strict', '{"name":"ab"}', 'application/problem+json')).statusCode).toBe(200);
  });

  it('answers malformed JSON and schema mismatches with details.fields', async () => {
    for (const bad of ['{', '{"name":', 'nul', '{"name":"ab"}x', '\u0000']) {
      const r = await post('/strict', bad);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json()).toEqual({ error: { code: 'invalid_json', message: 'The body is not valid JSON.' } });
    }
    const mismatch = await post('/strict', JSON.stringify({ name: 'too long', count: 1.5 }));
    expect(mismatch.statusCode).toBe(400);
    const { error } = mismatch.json();
    expect(error.code).toBe('invalid_request');
    expect(error.details.fields.map((f: { path: string }) => f.path)).toEqual(['name', 'count']);
    expect(error.message).toBe(error.details.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`).join('; '));
  });

  it('lists at most 20 fields however many are wrong', async () => {
    const Many = z.object(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, z.string()])));
    expect(() => validate(Many, {})).toThrowError(DomainError);
    try {
      validate(Many, {});
    } catch (err) {
      expect((err as DomainError).details).toMatchObject({ fields: expect.any(Array) });
      expect(((err as DomainError).details as { fields: unknown[] }).fields.length).toBe(20);
    }
  });

  it('answers refusals with the one status table, retry-after and the surface headers', async () => {
    const cases: Array<[string, number]> = [
      ['not_found', 404], ['unauthorized', 401], ['forbidden', 403], ['conflict', 409], ['rate_limited', 429],
      ['invalid_credentials', 401], ['api_owned', 409], ['article_deleted', 410], ['server_verification_failed', 422], ['anything_else', 400],
    ];
    for (const [code, status] of cases) {
      const r = await app.inject({ method: 'GET', url: `/refuse/${code}` });
      expect(r.statusCode, code).toBe(status);
      // WeChat's errcode is for the WeChat API only: the JSON surfaces show code, message and details.
      expect(r.json().error.code).toBe(code);
      expect(r.json().error).not.toHaveProperty('errcode');
    }
    const limited = await app.inject({ method: 'GET', url: '/refuse/rate_limited' });
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: 'Refused: rate_limited.', details: { retryAfterSec: 7 } } });
    expect((await app.inject({ method: 'GET', url: '/refuse/unauthorized' })).headers['www-authenticate']).toBe('Bearer');
  });

  it('shows only validation fields where a surface shows no other details', async () => {
    const v = await app.inject({ method: 'GET', url: '/fields-only/validation' });
    expect(v.statusCode).toBe(400);
    expect(v.json()).toEqual({ error: { code: 'invalid_request', message: 'name: Required', details: { fields: [{ path: 'name', message: 'Required' }] } } });
    const other = await app.inject({ method: 'GET', url: '/fields-only/other' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({ error: { code: 'server_verification_failed', message: 'Your server answered HTTP 401' } });
  });

  it('answers oversized bodies and unexpected errors without leaking them', async () => {
    const big = await post('/strict', JSON.stringify({ name: 'x'.repeat(4096) }));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ error: { code: 'body_too_large', message: 'The body is larger than 1 KiB.' } });
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ error: { code: 'internal', message: 'Internal error (id id-1)', id: 'id-1' } });
    expect(boom.body).not.toContain('fire');
    expect(logged).toHaveLength(1);
  });
});
