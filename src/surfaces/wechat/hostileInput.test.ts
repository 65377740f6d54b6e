import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { expectWxError, fetchToken, useToken } from '../../../test/wxClient.js';

interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  token: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/cgi-bin/token', token: false },
  { method: 'POST', path: '/cgi-bin/stable_token', token: false },
  { method: 'POST', path: '/cgi-bin/clear_quota/v2', token: false },
  { method: 'GET', path: '/cgi-bin/getcallbackip', token: true },
  { method: 'GET', path: '/cgi-bin/get_api_domain_ip', token: true },
  { method: 'POST', path: '/cgi-bin/callback/check', token: true },
  { method: 'POST', path: '/cgi-bin/openapi/quota/get', token: true },
  { method: 'POST', path: '/cgi-bin/openapi/quota/clear', token: true },
  { method: 'POST', path: '/cgi-bin/clear_quota', token: true },
  { method: 'POST', path: '/cgi-bin/openapi/rid/get', token: true },
];

const BIG_APPID = 'wx' + 'a'.repeat(10 * 1024);

/** Bodies no endpoint should choke on. */
const HOSTILE_BODIES: Array<{ name: string; body: string | Buffer; type?: string }> = [
  { name: 'not JSON', body: 'this is not json' },
  { name: 'truncated JSON', body: '{"appid":' },
  { name: 'JSON array', body: '[]' },
  { name: 'JSON array of objects', body: '[{"appid":"wx0000000000000000"}]' },
  { name: 'JSON null', body: 'null' },
  { name: 'JSON string', body: '"appid"' },
  { name: 'JSON number', body: '1e400' },
  { name: 'JSON true', body: 'true' },
  { name: 'deep nesting', body: '['.repeat(200_000) },
  { name: 'deep object nesting', body: '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000) },
  { name: 'wrong types', body: JSON.stringify({ grant_type: 1, appid: { x: 1 }, secret: [1], force_refresh: {}, cgi_path: 7, rid: [], action: 1, check_operator: null, appsecret: false }) },
  { name: 'unicode', body: JSON.stringify({ grant_type: '授权', appid: '公众号🙂', secret: '秘密', cgi_path: '/cgi-bin/菜单', rid: '🙂', action: 'все', check_operator: 'ÜNICOM' }) },
  { name: 'escaped NUL', body: JSON.stringify({ grant_type: 'client_credential\u0000', appid: 'wx\u0000', secret: '\u0000', cgi_path: '/cgi-bin/\u0000', rid: '\u0000', action: '\u0000' }) },
  { name: 'raw NUL bytes', body: Buffer.from('{"appid":"wx\u0000\u0000","cgi_path":"\u0000"}\u0000', 'utf8') },
  { name: 'invalid UTF-8', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
  { name: 'BOM then JSON', body: '\ufeff{"appid":"wx0000000000000000"}' },
  { name: 'prototype keys', body: '{"__proto__":{"appid":"x","isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
  { name: '10 KB appid', body: JSON.stringify({ grant_type: 'client_credential', appid: BIG_APPID, secret: 'x', appsecret: 'x' }) },
  { name: '2 MB body', body: JSON.stringify({ appid: 'wx', pad: 'x'.repeat(2 * 1024 * 1024) }) },
  { name: 'XML', body: '<xml><appid>wx</appid></xml>', type: 'text/xml' },
  { name: 'form', body: 'appid=wx&secret=x', type: 'application/x-www-form-urlencoded' },
  { name: 'multipart', body: '--b\r\nContent-Disposition: form-data; name="appid"\r\n\r\nwx\r\n--b--\r\n', type: 'multipart/form-data; boundary=b' },
];

/** Query strings (after the access_token, if any) no endpoint should choke on. */
const HOSTILE_QUERIES = [
  `appid=${BIG_APPID}&secret=x&grant_type=client_credential`,
  'appid=wx%00%00&secret=%00&grant_type=client_credential%00',
  'appid=%F0%9F%99%82&secret=%E4%B8%AD&grant_type=%E0%A4%A',
  'appid=a&appid=b&secret[]=1&grant_type[x]=y',
  'appid=%ff%fe&secret=%c3%28',
  `${'x'.repeat(8000)}=1`,
];

describeEachDb('hostile input on the auth, quota and misc APIs', (kind) => {
  let herald: TestHerald;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    herald = await startTestHerald(kind);
    const made = await makeAccount(herald.services);
    accountId = made.account.id;
    token = await fetchToken(herald, made.appid, made.secret);
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** Sends a request and asserts a well-formed WeChat answer: HTTP 200, JSON, never -1. */
  async function expectHandled(method: string, url: string, body?: string | Buffer, type?: string) {
    const res = await herald.app.inject({
      method: method as 'GET',
      url,
      payload: body,
      headers: body === undefined ? {} : { 'content-type': type ?? 'application/json' },
    });
    const what = `${method} ${url.slice(0, 60)} ${String(body ?? '').slice(0, 40)}`;
    expect(res.statusCode, what).toBe(200);
    expect(String(res.headers['content-type']), what).toMatch(/^application\/json/);
    const json = res.json() as { errcode?: number; errmsg?: string };
    expect(json.errcode, `${what} -> ${res.body.slice(0, 200)}`).not.toBe(-1);
    return json;
  }

  const urlOf = (e: Endpoint, query = '') => `${e.path}?${e.token ? `access_token=${token}&` : ''}${query}`;

  it('answers every hostile body with a WeChat error, never a system error', async () => {
    for (const e of ENDPOINTS) {
      for (const h of HOSTILE_BODIES) {
        const json = await expectHandled('POST', urlOf(e), h.body, h.type);
        // GET-only APIs answer 43001; the POST APIs must refuse the body (none of these is valid).
        if (e.method === 'GET' && e.path !== '/cgi-bin/token') expect(json.errcode, `${e.path} ${h.name}`).toBe(43001);
        else expect(json.errcode, `${e.path} ${h.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('answers every hostile query string with a WeChat error, never a system error', async () => {
    for (const e of ENDPOINTS) {
      for (const q of HOSTILE_QUERIES) await expectHandled(e.method, urlOf(e, q), e.method === 'POST' ? '{}' : undefined);
    }
    for (const bad of ['x'.repeat(10_000), '%00', 'a%00b', '%F0%9F%99%82', 'a&access_token=b', '../../etc/passwd', "' or 1=1 --"]) {
      const json = await expectHandled('GET', `/cgi-bin/getcallbackip?access_token=${bad}`);
      expect([40001, 40014]).toContain(json.errcode);
    }
  });

  it('refuses bodies over the limit', async () => {
    for (const path of ['/cgi-bin/stable_token', '/cgi-bin/openapi/quota/get', '/cgi-bin/callback/check', '/cgi-bin/openapi/rid/get']) {
      const json = await expectHandled('POST', `${path}?access_token=${token}`, JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }));
      expectWxError(json as Record<string, unknown>, 45002, 'content size out of limit');
    }
    // Beyond the server-wide limit the body is refused before any route sees it.
    const huge = await expectHandled('POST', '/cgi-bin/stable_token', Buffer.alloc(26 * 1024 * 1024, 0x61));
    expect(huge.errcode).toBe(45002);
  });

  it('answers methods an API does not take with 43001/43002, for every endpoint', async () => {
    for (const e of ENDPOINTS) {
      const expected = e.method === 'GET' ? 43001 : 43002;
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const json = await expectHandled(method, urlOf(e));
        expect(json.errcode, `${method} ${e.path}`).toBe(expected);
      }
      const other = e.method === 'GET' ? 'POST' : 'GET';
      if (e.path !== '/cgi-bin/token') expect((await expectHandled(other, urlOf(e), other === 'POST' ? '{}' : undefined)).errcode).toBe(expected);
      const head = await herald.app.inject({ method: 'HEAD', url: urlOf(e) });
      expect(head.statusCode).toBe(200);
    }
  });

  it('keeps logging after hostile requests (NUL bytes included) and keeps serving', async () => {
    const res = await herald.app.inject({
      method: 'POST',
      url: `/cgi-bin/openapi/quota/get?access_token=${token}&x=%00`,
      payload: Buffer.from('{"cgi_path":"/cgi-bin/\u0000"}', 'utf8'),
      headers: { 'content-type': 'application/json' },
    });
    // A raw NUL inside a JSON string is not valid JSON.
    const rid = expectWxError(res.json(), 47001);
    await herald.services.requestLog.flush();
    const rows = await herald.database.rows<{ request_body: string; account_id: string }>(
      sql`select request_body, account_id from api_requests where rid = ${rid}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].account_id).toBe(accountId);
    expect(rows[0].request_body).toContain('\\u0000');
    // Hostile traffic was logged too, not dropped with a failed batch.
    const count = await herald.database.rows<{ n: string }>(sql`select count(*) as n from api_requests where account_id = ${accountId}`);
    expect(Number(count[0].n)).toBeGreaterThan(100);
    expect((await useToken(herald, token)).ip_list).toBeDefined();
  });
});
