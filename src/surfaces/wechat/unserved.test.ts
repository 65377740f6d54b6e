/**
 * Paths under WeChat's API prefixes that Herald does not serve answer as WeChat answers an API
 * the account may not use: HTTP 200, WeChat's JSON content type, 48001 with a hint naming
 * docs/COMPATIBILITY.md, and a rid. Raw HTTP on a real port, and unmodified SDKs.
 */
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../test/wxClient.js';
import { isWechatApiPath, unservedErrmsg, WECHAT_API_PREFIXES } from './unserved.js';
import { API_TABLE } from './apiTable/index.js';

const require = createRequire(import.meta.url);

interface Raw {
  status: number;
  contentType: string;
  rid: string | undefined;
  body: string;
}

/** One request on a real socket, any method and any path bytes. */
function raw(base: string, method: string, path: string, body?: string): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          rid: res.headers['x-herald-rid'] as string | undefined,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Asserts WeChat's 48001 envelope and returns the rid. */
function expectUnserved(r: Raw, what: string): string {
  expect(r.status, `${what}: ${r.body.slice(0, 200)}`).toBe(200);
  expect(r.contentType, what).toBe('application/json; encoding=utf-8');
  if (r.body === '') return r.rid ?? ''; // HEAD
  const body = JSON.parse(r.body) as { errcode: number; errmsg: string };
  const rid = expectWxError(body, 48001, /^api unauthorized hint: \[.* is not served by Herald, see docs\/COMPATIBILITY\.md\]$/);
  expect(r.rid).toBe(rid);
  return rid;
}

describe('unserved path rules', () => {
  it('recognises every WeChat API prefix and nothing else', () => {
    for (const p of WECHAT_API_PREFIXES) {
      expect(isWechatApiPath(p)).toBe(true);
      expect(isWechatApiPath(`${p}/x/y?access_token=t`)).toBe(true);
      expect(isWechatApiPath(`${p}x/y`)).toBe(false);
    }
    for (const p of ['/console/api/x', '/phone', '/s/abc', '/', '/sim/v1/accounts', '/media/x']) expect(isWechatApiPath(p)).toBe(false);
    // Every path of the API table is under a prefix.
    for (const e of API_TABLE) expect(isWechatApiPath(e.path), e.path).toBe(true);
  });

  it('names the path in the hint, cut and limited to printable ASCII', () => {
    expect(unservedErrmsg('/cgi-bin/a/b?access_token=secret')).toBe('api unauthorized hint: [/cgi-bin/a/b is not served by Herald, see docs/COMPATIBILITY.md]');
    const long = unservedErrmsg(`/cgi-bin/${'x'.repeat(5000)}`);
    expect(long.length).toBeLessThan(220);
    expect(unservedErrmsg('/cgi-bin/\u0000é\n')).toBe('api unauthorized hint: [/cgi-bin/??? is not served by Herald, see docs/COMPATIBILITY.md]');
  });
});

describeEachDb('unserved WeChat API paths', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('answer 48001 under every prefix, for GET, POST, odd methods, long and encoded paths', async () => {
    for (const prefix of WECHAT_API_PREFIXES) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'MKCOL']) {
        expectUnserved(await raw(herald.url, method, `${prefix}/no/such/api?access_token=x`, method === 'POST' ? '{"a":1}' : undefined), `${method} ${prefix}`);
      }
      expectUnserved(await raw(herald.url, 'GET', prefix), `GET ${prefix}`);
      expectUnserved(await raw(herald.url, 'GET', `${prefix}/`), `GET ${prefix}/`);
    }
    const cases = [
      '/cgi-bin/shorten/gen', // in the API table, not implemented yet
      '/datacube/getcardbizuininfo', // known to wechat-api, not served
      '/sns/oauth2/component/access_token?appid=a&code=c&grant_type=authorization_code&component_appid=b',
      `/cgi-bin/${'a/'.repeat(3000)}end`,
      '/cgi-bin/%E6%B6%88%E6%81%AF/%00%0A%22%5D',
      '/cgi-bin/..%2F..%2Fetc%2Fpasswd',
      '/cgi-bin/menu/create/extra',
      "/wxa/<script>alert(1)</script>",
    ];
    for (const path of cases) {
      const r = await raw(herald.url, 'POST', path, '{}');
      expectUnserved(r, path.slice(0, 60));
      expect(r.body).not.toContain('<script>');
      expect(JSON.parse(r.body).errmsg.length).toBeLessThan(260);
    }
  });

  it('answer a malformed percent-escape with WeChat\'s 47001 under every prefix', async () => {
    for (const prefix of WECHAT_API_PREFIXES) {
      const r = await raw(herald.url, 'GET', `${prefix}/x/%E0%A4%A`);
      expect(r.status).toBe(200);
      expect(r.contentType).toBe('application/json; encoding=utf-8');
      expectWxError(JSON.parse(r.body), 47001, 'data format error');
    }
  });

  it('leave served APIs and other surfaces alone', async () => {
    expectWxError(await wxCall(herald, 'GET', '/cgi-bin/menu/get'), 41001);
    const other = await raw(herald.url, 'GET', '/console/api/no/such/route');
    expect(other.status).toBe(404);
    expect(other.body).not.toContain('48001');
  });

  it('are logged for the account of a valid token (openapi/rid/get finds them), and not stored without one', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const token = await fetchToken(herald, appid, secret);
    const rid = expectUnserved(await raw(herald.url, 'POST', `/cgi-bin/shorten/gen?access_token=${token}`, '{}'), 'with token');
    const found = await wxCall(herald, 'POST', `/cgi-bin/openapi/rid/get?access_token=${token}`, { body: { rid } });
    expect(found.errcode).toBe(0);
    expect(JSON.stringify(found)).toContain('/cgi-bin/shorten/gen');
    const anonymous = expectUnserved(await raw(herald.url, 'GET', '/cgi-bin/shorten/gen?access_token=nope'), 'bad token');
    await herald.services.requestLog.flush();
    expect(await herald.services.requestLog.find(anonymous)).toBeUndefined();
    expect((await herald.services.requestLog.find(rid))?.accountId).toBe(account.id);
  });

  it('make unmodified SDKs reject with errcode 48001 instead of succeeding', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    // co-wechat-api (async): mini-program template messages and merchant stock are not served.
    const CoWechatAPI = require('co-wechat-api') as new (a: string, s: string) => Record<string, unknown> & {
      prefix: string;
      merchantPrefix: string;
      sendMiniProgramTemplate(openid: string, templateId: string, page: string, formId: string, data: object): Promise<unknown>;
      updateStock(n: number, productId: string, sku: string): Promise<unknown>;
    };
    const co = new CoWechatAPI(appid, secret);
    co.prefix = `${herald.url}/cgi-bin/`;
    co.merchantPrefix = `${herald.url}/merchant/`;
    for (const attempt of [() => co.sendMiniProgramTemplate('o1', 't1', 'pages/index', 'form1', { keyword1: { value: 'x' } }), () => co.updateStock(1, 'p1', '')]) {
      const err = (await attempt().then(
        () => new Error('resolved'),
        (e: unknown) => e,
      )) as Error & { code?: number };
      expect(err.name).toBe('WeChatAPIError');
      expect(err.code).toBe(48001);
      expect(err.message).toContain('docs/COMPATIBILITY.md');
    }
    // wechat-api (callbacks): shorturl is not served.
    type Cb = (err: (Error & { code?: number }) | null, data: unknown) => void;
    const WechatAPI = require('wechat-api') as new (a: string, s: string) => { endpoint: string; shorturl(u: string, cb: Cb): void };
    const wa = new WechatAPI(appid, secret);
    wa.endpoint = herald.url;
    const err = await new Promise<(Error & { code?: number }) | null>((resolve) => wa.shorturl('https://example.com/a', (e) => resolve(e)));
    expect(err?.name).toBe('WeChatAPIError');
    expect(err?.code).toBe(48001);
  });
});
