import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { ERRMSG, errmsgOf, refusal, refusalAt } from '../../protocol/errcodes.js';
import { defineApi } from './kit.js';

/**
 * How defineApi answers a DomainError, over real HTTP: errcode and errmsg from the errcode
 * table, the hint, extra fields beside errcode, the request id; anything without an errcode is
 * WeChat's -1 system error.
 */
let app: FastifyInstance;
const recorded: Array<{ errcode: number; responseBody: string }> = [];
const errorsLogged: unknown[] = [];

beforeAll(async () => {
  app = Fastify();
  app.removeAllContentTypeParsers(); // as main/server.ts: every body arrives as raw bytes
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const services = {
    clock: { now: () => new Date('2026-12-01T00:00:00Z'), nowMs: () => Date.parse('2026-12-01T00:00:00Z') },
    requestLog: { record: (r: { errcode: number; responseBody: string }) => recorded.push(r) },
    log: { error: (obj: unknown) => errorsLogged.push(obj) },
  } as unknown as Services;
  const throws = (path: string, err: () => unknown) =>
    defineApi(app, services, {
      path,
      methods: ['GET'],
      auth: 'none',
      async handler() {
        throw err();
      },
    });
  throws('/t/plain', () => refusal(40007));
  throws('/t/hint', () => refusalAt(40003, 'touser'));
  throws('/t/free-hint', () => refusal(40035, { hint: 'action must be dns, ping or all' }));
  throws('/t/own-text', () => new DomainError('ip_not_whitelisted', 'not whitelisted', { ip: '1.2.3.4' }, { errcode: 40164, errmsg: 'invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist' }));
  throws('/t/extra', () => new DomainError('conflict', 'Used already.', { errcode: 45065, msgId: 7 }, { extra: { msg_id: 7 } }));
  throws('/t/details', () => new DomainError('invalid_message', 'Refused.', { errcode: 45002, at: 'text.content' }));
  throws('/t/details-no-at', () => new DomainError('invalid_media', 'Refused.', { errcode: 40005 }));
  throws('/t/no-errcode', () => new DomainError('kf_operator_bound', 'Console only.'));
  throws('/t/crash', () => new Error('secret stack'));
  defineApi(app, services, { path: '/t/post', methods: ['POST'], auth: 'none', async handler() { return {}; } });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const call = async (path: string) => {
  const r = await app.inject({ method: 'GET', url: path });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/json; encoding=utf-8');
  const rid = r.headers['x-herald-rid'] as string;
  expect(rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  return { body: r.json() as Record<string, unknown>, rid };
};

describe('defineApi answers a DomainError', () => {
  it('with the errcode table text and the request id', async () => {
    const { body, rid } = await call('/t/plain');
    expect(body).toEqual({ errcode: 40007, errmsg: `invalid media_id rid: ${rid}` });
  });

  it('with the hint after the text', async () => {
    const at = await call('/t/hint');
    expect(at.body).toEqual({ errcode: 40003, errmsg: `invalid openid hint: [data.touser] rid: ${at.rid}` });
    const free = await call('/t/free-hint');
    expect(free.body.errmsg).toBe(`invalid args hint: [action must be dns, ping or all] rid: ${free.rid}`);
  });

  it('with its own text where WeChat puts a value in it', async () => {
    const { body, rid } = await call('/t/own-text');
    expect(body).toEqual({ errcode: 40164, errmsg: `invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: ${rid}` });
  });

  it('with extra fields beside errcode, and never the console details', async () => {
    const { body, rid } = await call('/t/extra');
    expect(body).toEqual({ errcode: 45065, errmsg: `clientmsgid exist rid: ${rid}`, msg_id: 7 });
  });

  it('reading errcode and at from details when they are not given apart', async () => {
    const d = await call('/t/details');
    expect(d.body).toEqual({ errcode: 45002, errmsg: `content size out of limit hint: [data.text.content] rid: ${d.rid}` });
    const noAt = await call('/t/details-no-at');
    expect(noAt.body).toEqual({ errcode: 40005, errmsg: `invalid file type rid: ${noAt.rid}` });
  });

  it('as -1 system error when it has no errcode, or for any other error, logged', async () => {
    const before = errorsLogged.length;
    for (const path of ['/t/no-errcode', '/t/crash']) {
      const { body, rid } = await call(path);
      expect(body).toEqual({ errcode: -1, errmsg: `system error rid: ${rid}` });
    }
    expect(errorsLogged.length).toBe(before + 2);
    expect(JSON.stringify(recorded.at(-1))).not.toContain('secret stack');
  });

  it('records the errcode it answered in the request log', async () => {
    await call('/t/hint');
    expect(recorded.at(-1)?.errcode).toBe(40003);
  });

  it('refuses the kit-level problems the same way (method, empty and malformed bodies)', async () => {
    const get = await app.inject({ method: 'GET', url: '/t/post' });
    expect(get.json().errcode).toBe(43002);
    expect(get.json().errmsg).toMatch(/^require POST method rid: /);
    const empty = await app.inject({ method: 'POST', url: '/t/post', payload: '', headers: { 'content-type': 'application/json' } });
    expect(empty.json().errcode).toBe(44002);
    const bad = await app.inject({ method: 'POST', url: '/t/post', payload: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(bad.json().errcode).toBe(47001);
    const nul = await app.inject({ method: 'POST', url: '/t/post', payload: '{"a":"\\u0000"}', headers: { 'content-type': 'application/json' } });
    expect(nul.json().errcode).toBe(40033);
  });
});

describe('refusal helpers', () => {
  it('build DomainErrors whose message is the errcode text', () => {
    const r = refusal(45159);
    expect(r).toBeInstanceOf(DomainError);
    expect(r.code).toBe('rejected');
    expect(r.message).toBe(ERRMSG[45159]);
    expect(r.errcode).toBe(45159);
    expect(r.hint).toBeUndefined();
    expect(refusalAt(40019, '').hint).toBeUndefined();
    expect(refusalAt(40019, undefined).hint).toBeUndefined();
    expect(refusalAt(40019, 'button[0].key').hint).toBe('data.button[0].key');
    expect(refusal(99999).message).toBe('system error');
  });

  it('put the text together once', () => {
    expect(errmsgOf(40007)).toBe('invalid media_id');
    expect(errmsgOf(40007, { hint: 'data.media_id' })).toBe('invalid media_id hint: [data.media_id]');
    expect(errmsgOf(76002, { errmsg: 'rid is error' })).toBe('rid is error');
    expect(errmsgOf(123456)).toBe('system error');
  });

  it('let an explicit errcode and hint win over details', () => {
    const e = new DomainError('x', 'X', { errcode: 1, at: 'a' }, { errcode: 40007, hint: 'data.b' });
    expect(e.errcode).toBe(40007);
    expect(e.hint).toBe('data.b');
    expect(new DomainError('x', 'X', { errcode: '40007', at: 5 }).errcode).toBeUndefined();
    expect(new DomainError('x', 'X', { errcode: 40007, at: 5 }).hint).toBeUndefined();
  });
});
