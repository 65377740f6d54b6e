import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, useToken, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { accounts } from '../schema.js';

const DAY = 24 * 3600 * 1000;

describeEachDb('server addresses, callback check and rid lookup', (kind) => {
  let herald: TestHerald;
  let devServer: Server;
  let devPort: number;
  let closedPort: number;

  beforeAll(async () => {
    herald = await startTestHerald(kind, {
      env: { HERALD_CALLBACK_IPS: '127.0.0.1, 10.0.0.7', HERALD_PUBLIC_URL: 'http://192.0.2.10:8080' },
    });
    devServer = createServer((_req, res) => res.end('success'));
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    devPort = (devServer.address() as AddressInfo).port;
    // A port nobody listens on: bind one, note it, close it.
    const tmp = createServer();
    await new Promise<void>((resolve) => tmp.listen(0, '127.0.0.1', resolve));
    closedPort = (tmp.address() as AddressInfo).port;
    await new Promise<void>((resolve) => tmp.close(() => resolve()));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => devServer?.close(() => resolve()));
    await herald?.close();
  });

  const post = (path: string, token: string, body: unknown): Promise<WxBody> =>
    wxCall(herald, 'POST', `${path}?access_token=${token}`, { body });

  async function accountWithServer(url: string | null) {
    const made = await makeAccount(herald.services);
    await herald.services.db.update(accounts).set({ serverUrl: url }).where(eq(accounts.id, made.account.id));
    return { ...made, token: await fetchToken(herald, made.appid, made.secret) };
  }

  it('getcallbackip lists HERALD_CALLBACK_IPS', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'subscription', verified: false });
    const t = await fetchToken(herald, appid, secret);
    expect(await useToken(herald, t)).toEqual({ ip_list: ['127.0.0.1', '10.0.0.7'] });
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/getcallbackip?access_token=${t}`), 43001, 'require GET method');
    expectWxError(await wxCall(herald, 'GET', '/cgi-bin/getcallbackip'), 41001, 'access_token missing');
  });

  it('get_api_domain_ip lists the addresses Herald is reached at', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    const r = await wxCall(herald, 'GET', `/cgi-bin/get_api_domain_ip?access_token=${t}`);
    expect(Object.keys(r)).toEqual(['ip_list']);
    expect(r.ip_list).toContain('127.0.0.1');
    expect(r.ip_list).toContain('192.0.2.10');
    expect(new Set(r.ip_list as string[]).size).toBe((r.ip_list as string[]).length);
    expectWxError(await wxCall(herald, 'DELETE', `/cgi-bin/get_api_domain_ip?access_token=${t}`), 43001);
  });

  it('callback/check resolves and probes a loopback callback server', async () => {
    const { token } = await accountWithServer(`http://127.0.0.1:${devPort}/wechat`);
    const all = await post('/cgi-bin/callback/check', token, { action: 'all', check_operator: 'UNICOM' });
    expect(all.dns).toEqual([{ ip: '127.0.0.1', real_operator: 'UNICOM' }]);
    const ping = all.ping as Array<Record<string, string>>;
    expect(ping).toHaveLength(1);
    expect(ping[0]).toMatchObject({ ip: '127.0.0.1', from_operator: 'UNICOM', package_loss: '0%' });
    expect(ping[0].time).toMatch(/^\d+\.\d{3}ms$/);
    const dnsOnly = await post('/cgi-bin/callback/check', token, { action: 'dns', check_operator: 'CHINANET' });
    expect(dnsOnly).toEqual({ dns: [{ ip: '127.0.0.1', real_operator: 'CHINANET' }], ping: [] });
    const pingOnly = await post('/cgi-bin/callback/check', token, { action: 'ping', check_operator: 'DEFAULT' });
    expect(pingOnly.dns).toEqual([]);
    expect((pingOnly.ping as unknown[]).length).toBe(1);
  });

  it('callback/check reports a loopback server that does not answer as 100% loss', async () => {
    const { token } = await accountWithServer(`http://127.0.0.1:${closedPort}/`);
    const r = await post('/cgi-bin/callback/check', token, { action: 'all', check_operator: 'CAP' });
    expect(r.ping).toEqual([{ ip: '127.0.0.1', from_operator: 'CAP', package_loss: '100%', time: '0ms' }]);
  });

  it('callback/check resolves localhost, and sends nothing off the machine for other hosts', async () => {
    const local = await accountWithServer(`http://localhost:${devPort}/`);
    const r = await post('/cgi-bin/callback/check', local.token, { action: 'dns', check_operator: 'DEFAULT' });
    const ips = (r.dns as Array<{ ip: string }>).map((d) => d.ip);
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((ip) => ip === '::1' || ip.startsWith('127.'))).toBe(true);
    // A public literal is listed but never contacted; a public name is not even looked up.
    const literal = await accountWithServer('http://203.0.113.5/cb');
    expect(await post('/cgi-bin/callback/check', literal.token, { action: 'all', check_operator: 'UNICOM' })).toEqual({
      dns: [{ ip: '203.0.113.5', real_operator: 'UNICOM' }],
      ping: [],
    });
    const named = await accountWithServer('https://developer.example.com/cb');
    expect(await post('/cgi-bin/callback/check', named.token, { action: 'all', check_operator: 'UNICOM' })).toEqual({ dns: [], ping: [] });
    const v6 = await accountWithServer(`http://[::1]:${devPort}/`);
    const r6 = await post('/cgi-bin/callback/check', v6.token, { action: 'dns', check_operator: 'UNICOM' });
    expect(r6.dns).toEqual([{ ip: '::1', real_operator: 'UNICOM' }]);
    const none = await accountWithServer(null);
    expect(await post('/cgi-bin/callback/check', none.token, { action: 'all', check_operator: 'UNICOM' })).toEqual({ dns: [], ping: [] });
  });

  it('callback/check validates its input', async () => {
    const { token } = await accountWithServer(`http://127.0.0.1:${devPort}/`);
    const bad: unknown[] = [
      {},
      { action: 'all' },
      { check_operator: 'UNICOM' },
      { action: 'trace', check_operator: 'UNICOM' },
      { action: 'all', check_operator: 'MOBILE' },
      { action: ['all'], check_operator: 'UNICOM' },
      { action: 'ALL', check_operator: 'unicom' },
    ];
    for (const body of bad) expectWxError(await post('/cgi-bin/callback/check', token, body), 40035, /^invalid args/);
    expectWxError(await post('/cgi-bin/callback/check', token, { action: 'all\u0000', check_operator: 'UNICOM' }), 40033);
    expectWxError(await post('/cgi-bin/callback/check', token, ['all', 'UNICOM']), 47001);
    expectWxError(await post('/cgi-bin/callback/check', token, 'action=all'), 47001);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/callback/check?access_token=${token}`), 43002);
  });

  it('rid/get returns the logged request of the same account, secrets redacted', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    const started = herald.services.clock.nowSec();
    const failed = await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/cgi-bin/nope', note: '中文 ✓' });
    const rid = expectWxError(failed, 76021);
    const r = await post('/cgi-bin/openapi/rid/get', t, { rid });
    expect(r.errcode).toBe(0);
    expect(r.errmsg).toBe('ok');
    const req = r.request as Record<string, unknown>;
    expect(Object.keys(req).sort()).toEqual(['client_ip', 'cost_in_ms', 'invoke_time', 'request_body', 'request_url', 'response_body']);
    expect(req.invoke_time).toBeGreaterThanOrEqual(started);
    expect(req.invoke_time).toBeLessThanOrEqual(herald.services.clock.nowSec());
    expect(typeof req.cost_in_ms).toBe('number');
    expect(req.request_url).toBe('access_token=***'); // the token is masked in the log
    expect(JSON.parse(String(req.request_body))).toEqual({ cgi_path: '/cgi-bin/nope', note: '中文 ✓' });
    expect(JSON.parse(String(req.response_body))).toEqual(failed);
    expect(req.client_ip).toBe('127.0.0.1');

    // A refused token request is attributed to the account its AppID names; the secret is hidden.
    const refused = await wxCall(herald, 'GET', `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=wrong-${secret}`);
    const refusedRid = expectWxError(refused, 40125);
    const seen = (await post('/cgi-bin/openapi/rid/get', t, { rid: refusedRid })).request as Record<string, string>;
    expect(seen.request_url).toBe(`grant_type=client_credential&appid=${appid}&secret=***`);
    expect(JSON.stringify(seen)).not.toContain(secret);

    // stable_token carries the secret in its JSON body: redacted too, also once written to the database.
    const st = await wxCall(herald, 'POST', '/cgi-bin/stable_token', { body: { grant_type: 'client_credential', appid, secret: `${secret}x` } });
    const stRid = expectWxError(st, 40125);
    await herald.services.requestLog.flush();
    const logged = (await post('/cgi-bin/openapi/rid/get', t, { rid: stRid })).request as Record<string, string>;
    expect(JSON.parse(logged.request_body)).toEqual({ grant_type: 'client_credential', appid, secret: '***' });
    const dbRows = await herald.database.rows<{ request_body: string }>(
      sql`select request_body from api_requests where account_id = ${account.id}`,
    );
    expect(dbRows.length).toBeGreaterThanOrEqual(3); // failed requests are stored; successful ones stay in memory
    for (const row of dbRows) expect(row.request_body).not.toContain(secret);
  });

  it('rid/get finds the 42001 answer to an expired token', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const old = await fetchToken(herald, appid, secret);
    herald.services.clock.advance(7200 * 1000);
    const rid = expectWxError(await useToken(herald, old), 42001);
    const t = await fetchToken(herald, appid, secret);
    const r = await post('/cgi-bin/openapi/rid/get', t, { rid });
    expect(JSON.parse(String((r.request as Record<string, string>).response_body)).errcode).toBe(42001);
  });

  it('rid/get refuses other accounts, unknown, malformed and week-old rids', async () => {
    const a = await makeAccount(herald.services);
    const b = await makeAccount(herald.services);
    const ta = await fetchToken(herald, a.appid, a.secret);
    const tb = await fetchToken(herald, b.appid, b.secret);
    const ridA = expectWxError(await post('/cgi-bin/openapi/quota/get', ta, { cgi_path: 'bad' }), 76003);
    expectWxError(await post('/cgi-bin/openapi/rid/get', tb, { rid: ridA }), 76003, 'could not query this rid,no permission');
    // A request that named no account belongs to nobody.
    const anonRid = expectWxError(await wxCall(herald, 'GET', '/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000&secret=x'), 40013);
    expectWxError(await post('/cgi-bin/openapi/rid/get', ta, { rid: anonRid }), 76003);
    expectWxError(await post('/cgi-bin/openapi/rid/get', ta, { rid: '00000000-00000000-00000000' }), 76001, 'rid not found');
    for (const bad of ['', 'nope', ridA.toUpperCase(), `${ridA} `, 12, null, { $gt: '' }, 'x'.repeat(10_000)]) {
      expectWxError(await post('/cgi-bin/openapi/rid/get', ta, { rid: bad }), 76002, 'rid is error');
    }
    expectWxError(await post('/cgi-bin/openapi/rid/get', ta, { rid: `${ridA}\u0000` }), 40033);
    expectWxError(await post('/cgi-bin/openapi/rid/get', ta, {}), 76002);
    expectWxError(await post('/cgi-bin/openapi/rid/get', ta, [ridA]), 47001);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/openapi/rid/get?access_token=${ta}`), 43002);
    // Kept 7 days.
    herald.services.clock.advance(7 * DAY - 60_000);
    const ta2 = await fetchToken(herald, a.appid, a.secret);
    expect((await post('/cgi-bin/openapi/rid/get', ta2, { rid: ridA })).errcode).toBe(0);
    herald.services.clock.advance(2 * 60_000);
    expectWxError(await post('/cgi-bin/openapi/rid/get', ta2, { rid: ridA }), 76001);
  });
});
