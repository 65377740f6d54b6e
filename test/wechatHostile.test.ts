/**
 * Every registered WeChat API, fed malformed, oversized and hostile bodies and query strings with a
 * valid access_token: each answer is a WeChat answer (HTTP 200 JSON with an errcode, or a 4xx for
 * the few plain routes), never a 5xx and never errcode -1.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from './harness.js';
import { fetchToken } from './wxClient.js';
import { registeredApis } from '../src/surfaces/wechat/kit.js';

const BODIES: Array<[string, string | Buffer]> = [
  ['empty', ''],
  ['not JSON', 'hello'],
  ['truncated', '{"touser": "o'],
  ['array', '[{"touser":"x"}]'],
  ['null', 'null'],
  ['number', '1e400'],
  ['deep arrays', '['.repeat(100_000)],
  ['deep objects', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
  ['wrong types', JSON.stringify({ touser: 1, openid: {}, openid_list: 'x', button: { name: 1 }, tag: 'x', tagid: [], media_id: 7, kf_account: null, action_name: 9, action_info: [], expire_seconds: 'x', msgtype: [], text: 'x', articles: 'x', matchrule: 1, menuid: {}, user_id: [], next_openid: 5 })],
  ['escaped NUL', JSON.stringify({ touser: 'o\u0000', openid: '\u0000', button: [{ type: 'click', name: 'a\u0000', key: 'k' }], tag: { name: '\u0000' }, kf_account: 'a\u0000@b', nickname: '\u0000', text: { content: '\u0000' }, msgtype: 'text' })],
  ['lone surrogates', '{"button":[{"type":"click","name":"\\ud800","key":"\\udfff"}],"tag":{"name":"\\ud800"},"kf_account":"a\\ud800@b","nickname":"\\udfff","touser":"\\ud800","text":{"content":"\\udfff"},"msgtype":"text","remark":"\\ud800","openid":"\\udfff"}'],
  ['huge strings', JSON.stringify({ touser: 'o'.repeat(100_000), button: [{ type: 'click', name: 'n'.repeat(100_000), key: 'k' }], tag: { name: 't'.repeat(100_000) }, text: { content: 'c'.repeat(500_000) }, msgtype: 'text' })],
  ['huge arrays', JSON.stringify({ openid_list: Array.from({ length: 20_000 }, (_, i) => `o${i}`), user_list: Array.from({ length: 20_000 }, (_, i) => ({ openid: `o${i}` })), button: Array.from({ length: 5000 }, () => ({ type: 'click', name: 'a', key: 'k' })) })],
  ['prototype keys', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
  ['3 MB', JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) })],
];

const QUERIES = ['openid=%00', 'openid=' + 'o'.repeat(20_000), 'media_id=../../etc/passwd', 'next_openid=%ff%fe', 'kf_account=%F0%9F%99%82', 'type=%00&ticket=%00'];

describeEachDb('hostile input on every WeChat API', (kind) => {
  let herald: TestHerald;
  let token: string;

  beforeAll(async () => {
    herald = await startTestHerald(kind);
    const made = await makeAccount(herald.services, { type: 'service', verified: true });
    token = await fetchToken(herald, made.appid, made.secret);
  });
  afterAll(async () => herald?.close());

  async function expectHandled(method: 'GET' | 'POST', url: string, body?: string | Buffer) {
    const res = await herald.app.inject({ method, url, payload: body, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
    const what = `${method} ${url.slice(0, 80)} ${String(body ?? '').slice(0, 40)}`;
    expect(res.statusCode, `${what} -> ${res.body.slice(0, 200)}`).toBeLessThan(500);
    if (String(res.headers['content-type']).startsWith('application/json')) {
      const json = res.json() as { errcode?: number };
      expect(json.errcode, `${what} -> ${res.body.slice(0, 200)}`).not.toBe(-1);
    }
  }

  it('covers a meaningful number of APIs', () => {
    expect(registeredApis.length).toBeGreaterThan(40);
  });

  it('answers hostile bodies on every API without a system error', async () => {
    for (const api of registeredApis) {
      const url = `${api.path}?access_token=${encodeURIComponent(token)}`;
      for (const [, body] of BODIES) await expectHandled('POST', url, body);
    }
  });

  it('answers hostile query strings on every API without a system error', async () => {
    for (const api of registeredApis) {
      for (const q of QUERIES) {
        const url = `${api.path}?access_token=${encodeURIComponent(token)}&${q}`;
        await expectHandled('GET', url);
        await expectHandled('POST', url, '{}');
      }
    }
  });
});
