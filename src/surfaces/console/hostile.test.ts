import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';

/** Bodies a careless or hostile client might send. None may produce a 500. */
const HOSTILE_BODIES: Array<[string, string]> = [
  ['empty', ''],
  ['whitespace', '   \n'],
  ['truncated', '{"name": "x'],
  ['not json', 'hello'],
  ['trailing garbage', '{"a":1} x'],
  ['array', '[1,2,3]'],
  ['string', '"just a string"'],
  ['number', '42'],
  ['null', 'null'],
  ['nested deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['object deep', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
  ['proto pollution', '{"__proto__": {"platformAdmin": true, "verified": true}, "constructor": {"prototype": {"x": 1}}}'],
  ['nul in login', '{"email":"a\\u0000@b.co","password":"x\\u0000yyyyyyy"}'],
  ['wrong types', '{"type": ["service"], "name": {"$ne": ""}, "entries": {"0": "1.1.1.1"}, "url": 5, "token": null, "mode": true}'],
  ['nul bytes', '{"type":"service","name":"a\\u0000b","entries":["1.1.1.1\\u0000"],"url":"http://127.0.0.1\\u0000/","token":"abc\\u0000","mode":"plaintext"}'],
  ['lone surrogate', '{"type":"service","name":"\\ud800","entries":["\\udfff"]}'],
  ['huge number', '{"type":"service","name":1e999,"entries":[1e999]}'],
  ['invalid utf8', '\xff\xfe{"a":1}'],
];

describeEachDb('console API under malformed and hostile input', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers every write route with a 4xx JSON error, never a 500', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const writes: Array<['POST' | 'PUT', string]> = [
      ['POST', '/console/api/login'],
      ['POST', '/console/api/accounts'],
      ['PUT', `/console/api/accounts/${appid}/ip-whitelist`],
      ['PUT', `/console/api/accounts/${appid}/server`],
    ];
    for (const [method, url] of writes) {
      for (const [label, payload] of HOSTILE_BODIES) {
        const r = await client.request(method, url, payload);
        expect(r.status, `${method} ${url} ${label}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${url} ${label}`).toBeLessThan(500);
        expect(r.json.error?.code, label).toBeTypeOf('string');
        expect(r.json.error?.message, label).toBeTypeOf('string');
      }
    }
    // Bytes that are not UTF-8 at all.
    for (const [method, url] of writes) {
      const r = await h.app.inject({
        method,
        url,
        headers: { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
        payload: Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d, 0x00]),
      });
      expect(r.statusCode, `${method} ${url} raw bytes`).toBe(400);
      expect(r.json().error.code).toBe('invalid_json');
    }
    // Pollution attempts changed nothing global.
    expect(({} as Record<string, unknown>).platformAdmin).toBeUndefined();
    const list = await client.get('/console/api/accounts');
    expect((list.json.accounts as unknown[]).length).toBe(1);
  });

  it('refuses bodies over 64 KiB with 413, and non-JSON content types with 415', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    const big = JSON.stringify({ entries: Array.from({ length: 8000 }, (_, i) => `10.0.${i % 256}.${i % 200}`) });
    expect(big.length).toBeGreaterThan(64 * 1024);
    const r = await client.put(`/console/api/accounts/${appid}/ip-whitelist`, big);
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe('body_too_large');
    const huge = await client.post('/console/api/accounts', JSON.stringify({ type: 'service', name: 'x'.repeat(5 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const t = await client.request('POST', '/console/api/accounts', '{"type":"service","name":"X"}', { 'content-type': type });
      expect(t.status, type).toBe(415);
      expect(t.json.error?.code).toBe('unsupported_media_type');
    }
    const ok = await client.request('POST', '/console/api/accounts', '{"type":"service","name":"X"}', { 'content-type': 'application/json; charset=utf-8' });
    expect(ok.status).toBe(201);
  });

  it('keeps unknown console API paths and methods JSON 404s (not the web app)', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    for (const [method, url] of [
      ['GET', '/console/api/nope'],
      ['GET', '/console/api/'],
      ['DELETE', '/console/api/accounts'],
      ['PATCH', '/console/api/me'],
      ['GET', `/console/api/${'a/'.repeat(300)}`],
      ['GET', '/console/api/accounts/wx0123456789abcdef/unknown'],
    ] as const) {
      const r = await client.request(method as 'GET' | 'DELETE', url);
      expect(r.status, `${method} ${url}`).toBe(404);
      expect(r.json.error?.code).toBe('not_found');
    }
  });

  it('survives hostile headers on authentication', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    const cases: Array<Record<string, string>> = [
      { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': 'x'.repeat(10_000) },
      { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': '\u00e9\u00e9' },
      { cookie: `herald_session=${client.cookie}; herald_session=other` },
      { cookie: '=;;;=;herald_session' },
      { cookie: `herald_session="${client.cookie}"` },
    ];
    for (const headers of cases) {
      const r = await h.app.inject({ method: 'POST', url: '/console/api/logout', headers });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    expect((await client.get('/console/api/me')).status).toBe(200);
  });
});
