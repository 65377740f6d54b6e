import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { newAesKey, startDevServer, WXBizMsgCrypt, xmlField, type Answer, type DevServer, type Received } from '../../../test/devServer.js';
import { loadClockOffset } from '../../platform/db/settings.js';
import { buildXml } from '../../protocol/xml.js';

describeEachDb('simulator API /sim/v1', (kind) => {
  let herald: TestHerald;
  const servers: DevServer[] = [];

  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald.close();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    herald.app.inject({
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Response shapes are asserted field by field below; `any` keeps those assertions readable.
  const json = (r: LightMyRequestResponse) => r.json() as Record<string, any>;

  async function account(type = 'service', verified = true) {
    const r = await call('POST', '/sim/v1/accounts', { type, verified, name: 'Sim Shop' });
    expect(r.statusCode).toBe(201);
    return json(r);
  }
  async function user(body: object = {}) {
    const r = await call('POST', '/sim/v1/users', body);
    expect(r.statusCode).toBe(201);
    return json(r);
  }
  async function devServer(token: string, answer?: (req: Received) => Answer) {
    const dev = await startDevServer({ token, answer });
    servers.push(dev);
    return dev;
  }

  it('creates accounts, each in its own organization unless org_id is given', async () => {
    const a = await account('subscription', false);
    expect(a).toMatchObject({ type: 'subscription', verified: false, name: 'Sim Shop' });
    expect(a.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(a.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(a.original_id).toMatch(/^gh_[0-9a-f]{12}$/);
    const b = await account();
    expect(b.org_id).not.toBe(a.org_id);
    const c = json(await call('POST', '/sim/v1/accounts', { type: 'service', name: 'Sibling', org_id: a.org_id }));
    expect(c.org_id).toBe(a.org_id);
    expect(c.verified).toBe(false);
    const got = json(await call('GET', `/sim/v1/accounts/${a.appid}`));
    expect(got).toMatchObject({ appid: a.appid, server: { url: null, enabled: false } });
    expect(got.secret).toBeUndefined();
  });

  it('configures a server after verifying it, and explains failures', async () => {
    const a = await account();
    const dev = await devServer('simtoken');
    const ok = await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'simtoken', encoding_aes_key: newAesKey(), mode: 'safe' });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ url: dev.url, mode: 'safe', enabled: true });
    expect(typeof json(ok).verified_at).toBe('string');
    const bad = await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'wrongtoken', mode: 'plaintext' });
    expect(bad.statusCode).toBe(422);
    expect(json(bad)).toEqual({ error: { code: 'server_verification_failed', message: 'Your server answered HTTP 401' } });
    const invalid = await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'simtoken', mode: 'safe' });
    expect(invalid.statusCode).toBe(400);
    expect(json(invalid).error).toEqual({ code: 'invalid_server_config', message: 'EncodingAESKey is required in safe mode.' });
    const off = await call('DELETE', `/sim/v1/accounts/${a.appid}/server`);
    expect(json(off)).toMatchObject({ url: dev.url, enabled: false, mode: 'safe' });
    expect((await call('PUT', '/sim/v1/accounts/wxnope/server', { url: dev.url, token: 'simtoken', mode: 'plaintext' })).statusCode).toBe(404);
  });

  it('sends a message as a user and returns the parsed passive reply', async () => {
    const a = await account();
    let openid = '';
    const dev = await devServer('simtoken', (req) => {
      if (req.method === 'GET') return { body: req.query.echostr };
      if (xmlField(req.body, 'MsgType') !== 'text') return { body: 'success' };
      return {
        body: buildXml({ ToUserName: openid, FromUserName: a.original_id, CreateTime: Date.now(), MsgType: 'news', ArticleCount: 1, Articles: { item: { Title: 'Hi', Description: 'D', PicUrl: 'http://p/1.jpg', Url: 'http://u' } } }),
      };
    });
    await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'simtoken', mode: 'plaintext' });
    const u = await user({ nickname: 'Ann', city: 'Shenzhen' });
    expect(u).toMatchObject({ nickname: 'Ann', city: 'Shenzhen', language: 'zh_CN', sex: 0 });
    const follow = await call('POST', `/sim/v1/users/${u.id}/follow`, { account: a.appid });
    expect(follow.statusCode).toBe(200);
    openid = json(follow).openid;
    expect(openid).toMatch(/^o/);
    const r = await call('POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'text', content: 'hello' });
    expect(r.statusCode).toBe(200);
    const body = json(r);
    expect(body).toMatchObject({
      openid,
      delivery: { status: 'delivered', attempts: 1 },
      reply_status: 'valid',
      reply_error: null,
      reply: { msg_type: 'news', to_user_name: openid, from_user_name: a.original_id, encrypted: false, articles: [{ title: 'Hi', description: 'D', pic_url: 'http://p/1.jpg', url: 'http://u' }] },
    });
    expect(body.msg_id).toMatch(/^\d{17,19}$/);
    const post = dev.requests.find((q) => q.method === 'POST' && xmlField(q.body, 'MsgId') === body.msg_id);
    expect(xmlField(post!.body, 'Content')).toBe('hello');
  });

  it('waits through retries and reports an invalid reply', async () => {
    const a = await account();
    let posts = 0;
    const dev = await devServer('simtoken', (req) => {
      if (req.method === 'GET') return { body: req.query.echostr };
      if (xmlField(req.body, 'MsgType') !== 'text') return { body: 'success' };
      posts++;
      return posts < 3 ? { status: 503, body: 'busy' } : { body: 'this is not xml' };
    });
    await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'simtoken', mode: 'plaintext' });
    const u = await user();
    await call('POST', `/sim/v1/users/${u.id}/follow`, { account: a.appid });
    const body = json(await call('POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'text', content: 'try' }));
    expect(body).toMatchObject({ delivery: { status: 'delivered', attempts: 3 }, reply: null, reply_status: 'invalid' });
    expect(body.reply_error).toMatch(/not valid XML/);
  });

  it('returns at once for an account without a server, and with wait:false', async () => {
    const a = await account();
    const u = await user();
    await call('POST', `/sim/v1/users/${u.id}/follow`, { account: a.appid });
    const skipped = json(await call('POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'text', content: 'x' }));
    expect(skipped).toMatchObject({ delivery: { status: 'skipped', attempts: 0 }, reply: null, reply_status: 'none' });
    const queued = json(await call('POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'text', content: 'y', wait: false }));
    expect(queued.delivery.id).toBeGreaterThan(skipped.delivery.id);
  });

  it('follows, unfollows and refuses messages from non-followers', async () => {
    const a = await account();
    const u = await user();
    const msg = { account: a.appid, msgtype: 'text', content: 'hi' };
    const early = await call('POST', `/sim/v1/users/${u.id}/messages`, msg);
    expect(early.statusCode).toBe(400);
    expect(json(early).error.code).toBe('not_following');
    const f = json(await call('POST', `/sim/v1/users/${u.id}/follow`, { account: a.appid }));
    const again = json(await call('POST', `/sim/v1/users/${u.id}/follow`, { account: a.appid }));
    expect(again.openid).toBe(f.openid);
    const un = await call('POST', `/sim/v1/users/${u.id}/unfollow`, { account: a.appid });
    expect(json(un)).toEqual({ openid: f.openid });
    expect((await call('POST', `/sim/v1/users/${u.id}/messages`, msg)).statusCode).toBe(400);
    const list = json(await call('GET', `/sim/v1/accounts/${a.appid}/deliveries`));
    expect(list.deliveries.map((d: { label: string }) => d.label)).toEqual(['event:unsubscribe', 'event:subscribe']);
  });

  it('lists deliveries with their attempts, newest first, with paging and detail', async () => {
    const a = await account();
    const dev = await devServer('simtoken');
    const aesKey = newAesKey();
    await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'simtoken', encoding_aes_key: aesKey, mode: 'safe' });
    const u = await user();
    const { openid } = json(await call('POST', `/sim/v1/users/${u.id}/follow`, { account: a.appid }));
    for (const content of ['m1', 'm2', 'm3']) await call('POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'text', content });
    const page1 = json(await call('GET', `/sim/v1/accounts/${a.appid}/deliveries?limit=2`));
    expect(page1.deliveries).toHaveLength(2);
    expect(page1.deliveries[0].id).toBeGreaterThan(page1.deliveries[1].id);
    expect(page1.deliveries[0]).toMatchObject({ kind: 'message', label: 'text', openid, status: 'delivered', attempts: 1, reply_status: 'none' });
    expect(page1.deliveries[0].attempts_log).toHaveLength(1);
    const attempt = page1.deliveries[0].attempts_log[0];
    expect(attempt).toMatchObject({ attempt_no: 1, response_status: 200, response_body: 'success', outcome: 'ok', error: null });
    expect(attempt.request_url).toContain('encrypt_type=aes');
    const page2 = json(await call('GET', `/sim/v1/accounts/${a.appid}/deliveries?limit=2&before=${page1.next_before}`));
    expect(page2.deliveries.map((d: { id: number }) => d.id)).toEqual([page1.deliveries[1].id - 1, page1.deliveries[1].id - 2]);
    const detail = json(await call('GET', `/sim/v1/accounts/${a.appid}/deliveries/${page1.deliveries[0].id}`));
    expect(xmlField(detail.payload_xml, 'Content')).toBe('m3');
    const sealed = xmlField(attempt.request_body, 'Encrypt')!;
    expect(new WXBizMsgCrypt('simtoken', aesKey, a.appid).decrypt(sealed).message).toBe(detail.payload_xml);
    const other = await account();
    expect((await call('GET', `/sim/v1/accounts/${other.appid}/deliveries/${page1.deliveries[0].id}`)).statusCode).toBe(404);
  });

  it('reads and advances the clock, persisting the offset', async () => {
    const before = json(await call('GET', '/sim/v1/clock'));
    const r = await call('POST', '/sim/v1/clock/advance', { seconds: 3600 });
    expect(r.statusCode).toBe(200);
    const after = json(r);
    expect(after.offset_seconds - before.offset_seconds).toBe(3600);
    expect(after.now_unix - before.now_unix).toBeGreaterThanOrEqual(3600);
    expect(Date.parse(after.now) / 1000).toBeCloseTo(after.now_unix, -1);
    expect(await loadClockOffset(herald.services.db)).toBe(after.offset_seconds * 1000);
    for (const bad of [{ seconds: -5 }, { seconds: 0 }, { seconds: 1e12 }, { seconds: '10' }, {}, { seconds: null }]) {
      const res = await call('POST', '/sim/v1/clock/advance', bad);
      expect(res.statusCode).toBe(400);
      expect(json(res).error.code).toBe('invalid_request');
    }
    expect(json(await call('GET', '/sim/v1/clock')).offset_seconds).toBe(after.offset_seconds);
  });

  it('answers malformed, oversized and hostile requests with clear 4xx errors', async () => {
    const a = await account();
    const u = await user();
    const cases: Array<[string, 'GET' | 'POST' | 'PUT', string, unknown, number, string, Record<string, string>?]> = [
      ['broken JSON', 'POST', '/sim/v1/accounts', '{"type": "service",', 400, 'invalid_json'],
      ['a JSON string', 'POST', '/sim/v1/accounts', '"service"', 400, 'invalid_request'],
      ['a JSON array', 'POST', '/sim/v1/users', '[]', 400, 'invalid_request'],
      ['JSON null', 'POST', '/sim/v1/users', 'null', 400, 'invalid_request'],
      ['a form post', 'POST', '/sim/v1/users', 'nickname=x', 415, 'unsupported_media_type', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['text/plain', 'POST', '/sim/v1/users', '{}', 415, 'unsupported_media_type', { 'content-type': 'text/plain' }],
      ['an unknown type', 'POST', '/sim/v1/accounts', { type: 'enterprise', name: 'x' }, 400, 'invalid_request'],
      ['an empty name', 'POST', '/sim/v1/accounts', { type: 'service', name: '   ' }, 400, 'invalid_request'],
      ['a control character', 'POST', '/sim/v1/accounts', { type: 'service', name: 'a\u0000b' }, 400, 'invalid_request'],
      ['a lone surrogate', 'POST', '/sim/v1/users', '{"nickname":"\\ud800"}', 400, 'invalid_request'],
      ['a huge name', 'POST', '/sim/v1/accounts', { type: 'service', name: 'x'.repeat(10_000) }, 400, 'invalid_request'],
      ['an unknown org', 'POST', '/sim/v1/accounts', { type: 'service', name: 'x', org_id: '00000000-0000-0000-0000-000000000000' }, 404, 'not_found'],
      ['a malformed org', 'POST', '/sim/v1/accounts', { type: 'service', name: 'x', org_id: "1' or '1'='1" }, 404, 'not_found'],
      ['a non-boolean verified', 'POST', '/sim/v1/accounts', { type: 'service', name: 'x', verified: 'yes' }, 400, 'invalid_request'],
      ['an unknown user', 'POST', '/sim/v1/users/00000000-0000-0000-0000-000000000000/follow', { account: a.appid }, 404, 'not_found'],
      ['a malformed user id', 'POST', '/sim/v1/users/%27%3B--/follow', { account: a.appid }, 404, 'not_found'],
      ['an unknown account', 'POST', `/sim/v1/users/${u.id}/follow`, { account: 'wx0000000000000000' }, 404, 'not_found'],
      ['a missing account', 'POST', `/sim/v1/users/${u.id}/follow`, {}, 400, 'invalid_request'],
      ['an unsupported msgtype', 'POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'sticker', content: 'x' }, 400, 'invalid_request'],
      ['an oversized message', 'POST', `/sim/v1/users/${u.id}/messages`, { account: a.appid, msgtype: 'text', content: 'x'.repeat(5000) }, 400, 'invalid_request'],
      ['a bad limit', 'GET', `/sim/v1/accounts/${a.appid}/deliveries?limit=0`, undefined, 400, 'invalid_request'],
      ['a huge limit', 'GET', `/sim/v1/accounts/${a.appid}/deliveries?limit=100000`, undefined, 400, 'invalid_request'],
      ['a bad cursor', 'GET', `/sim/v1/accounts/${a.appid}/deliveries?before=abc`, undefined, 400, 'invalid_request'],
      ['a huge cursor', 'GET', `/sim/v1/accounts/${a.appid}/deliveries?before=99999999999999999999999`, undefined, 400, 'invalid_request'],
      ['a bad delivery id', 'GET', `/sim/v1/accounts/${a.appid}/deliveries/1e5`, undefined, 404, 'not_found'],
      ['a huge delivery id', 'GET', `/sim/v1/accounts/${a.appid}/deliveries/${'9'.repeat(40)}`, undefined, 404, 'not_found'],
      ['an unknown route', 'GET', '/sim/v1/nothing', undefined, 404, 'not_found'],
    ];
    for (const [name, method, url, body, status, code, headers] of cases) {
      const r = await call(method, url, body, headers);
      expect(r.statusCode, name).toBe(status);
      expect(json(r).error?.code, name).toBe(code);
      expect(typeof json(r).error?.message, name).toBe('string');
    }
  });

  it('refuses bodies over 64 KB with 413', async () => {
    const r = await call('POST', '/sim/v1/users', { nickname: 'x', pad: 'y'.repeat(70 * 1024) });
    expect(r.statusCode).toBe(413);
    expect(json(r).error.code).toBe('body_too_large');
  });

  it('ignores prototype keys in bodies', async () => {
    const r = await call('POST', '/sim/v1/users', '{"nickname":"p","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}');
    expect(r.statusCode).toBe(201);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(json(r).nickname).toBe('p');
  });
});
