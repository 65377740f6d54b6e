import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, useToken, wxCall } from '../../../../test/wxClient.js';
import { accessTokens } from '../schema.js';
import { tokenDigest } from '../store/tokens.js';
import { apiQuotaUsage } from '../../../surfaces/wechat/schema.js';
import { chinaDay } from '../../../platform/clock.js';
import { setIpWhitelist } from '../commands/ipWhitelistSetter.js';

const MIN = 60_000;
const tokenUrl = (q: Record<string, string>) => `/cgi-bin/token?${new URLSearchParams(q).toString()}`;

describeEachDb('/cgi-bin/token', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('issues a 7200 s access_token that works at once', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const body = await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret }));
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in']);
    expect(body.expires_in).toBe(7200);
    expect(String(body.access_token)).toMatch(/^\d{2}_[\w-]{100,}$/);
    expect((await useToken(herald, String(body.access_token))).ip_list).toEqual(herald.config.callbackIps);
  });

  it('answers the documented credential errors', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    expectWxError(await wxCall(herald, 'GET', '/cgi-bin/token'), 41002, 'appid missing');
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', secret })), 41002, 'appid missing');
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid })), 41004, 'appsecret missing');
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'password', appid, secret })), 40002, 'invalid grant_type');
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ appid, secret })), 40002, 'invalid grant_type');
    expectWxError(
      await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid: 'wx0123456789abcdef', secret })),
      40013,
      'invalid appid',
    );
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid: 'not-an-appid', secret })), 40013, 'invalid appid');
    expectWxError(
      await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid: appid.toUpperCase().replace('WX', 'wx'), secret })),
      40013,
      'invalid appid',
    );
    expectWxError(
      await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret: secret.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })),
      40125,
      'invalid appsecret',
    );
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret: 'x'.repeat(5000) })), 40125, 'invalid appsecret');
    // Another account's secret does not open this one.
    const other = await makeAccount(herald.services);
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret: other.secret })), 40125, 'invalid appsecret');
  });

  it('accepts POST with the parameters in the query, a form body or a JSON body', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const q = await wxCall(herald, 'POST', tokenUrl({ grant_type: 'client_credential', appid, secret }));
    expect(q.expires_in).toBe(7200);
    const form = await wxCall(herald, 'POST', '/cgi-bin/token', {
      body: new URLSearchParams({ grant_type: 'client_credential', appid, secret }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.expires_in).toBe(7200);
    const json = await wxCall(herald, 'POST', '/cgi-bin/token', { body: { grant_type: 'client_credential', appid, secret } });
    expect(json.expires_in).toBe(7200);
    // The query wins over the body.
    const mixed = await wxCall(herald, 'POST', tokenUrl({ grant_type: 'client_credential', appid, secret: 'wrong' }), {
      body: { grant_type: 'client_credential', appid, secret },
    });
    expectWxError(mixed, 40125);
  });

  it('keeps the previous token working 5 minutes after a new one, then answers 40001', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const a = await fetchToken(herald, appid, secret);
    expect((await useToken(herald, a)).ip_list).toBeDefined(); // cached as live before the rotation
    const b = await fetchToken(herald, appid, secret);
    expect(b).not.toBe(a);
    herald.services.clock.advance(4 * MIN + 59_000);
    expect((await useToken(herald, a)).ip_list).toBeDefined();
    expect((await useToken(herald, b)).ip_list).toBeDefined();
    herald.services.clock.advance(1_000);
    expectWxError(await useToken(herald, a), 40001, 'invalid credential, access_token is invalid or not latest');
    expect((await useToken(herald, b)).ip_list).toBeDefined();
    // Stored as its digest (security/accessTokenDigests.test.ts).
    const [row] = await herald.services.db.select().from(accessTokens).where(eq(accessTokens.token, tokenDigest(a)));
    expect(row.supersededAt).not.toBeNull();
    expect(row.kind).toBe('token');
  });

  it('answers 42001 "access_token expired" once 7200 s have passed', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    herald.services.clock.advance(7199 * 1000);
    expect((await useToken(herald, t)).ip_list).toBeDefined();
    herald.services.clock.advance(1000);
    const body = await useToken(herald, t);
    expectWxError(body, 42001, 'access_token expired');
    // EasyWeChat retries only when the body carries both markers.
    expect(JSON.stringify(body)).toContain('42001');
    expect(JSON.stringify(body)).toContain('access_token expired');
    expect((await useToken(herald, await fetchToken(herald, appid, secret))).ip_list).toBeDefined();
  });

  it('never refuses a freshly issued token, also when several are fetched at once', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    for (let i = 0; i < 5; i++) {
      const t = await fetchToken(herald, appid, secret);
      expect((await useToken(herald, t)).ip_list).toBeDefined();
    }
    const tokens = await Promise.all(Array.from({ length: 6 }, () => fetchToken(herald, appid, secret)));
    expect(new Set(tokens).size).toBe(6);
    for (const t of tokens) expect((await useToken(herald, t)).ip_list).toBeDefined();
    // Issuance is serialised per account: exactly one token is live, the rest are superseded.
    const live = await herald.services.db
      .select()
      .from(accessTokens)
      .where(and(eq(accessTokens.accountId, account.id), eq(accessTokens.kind, 'token')));
    expect(live.filter((r) => r.supersededAt === null)).toHaveLength(1);
  });

  it('enforces the IP whitelist (addresses and CIDR ranges; empty means anyone)', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    expect(await fetchToken(herald, appid, secret, '47.103.62.98')).toBeTruthy();
    await setIpWhitelist(herald.services, account.id, ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    const refused = await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret }), { remoteAddress: '47.103.62.98' });
    expectWxError(refused, 40164, 'invalid ip 47.103.62.98 ipv6 ::ffff:47.103.62.98, not in whitelist');
    expect(await fetchToken(herald, appid, secret, '10.20.30.40')).toBeTruthy();
    expect(await fetchToken(herald, appid, secret, '192.0.2.7')).toBeTruthy();
    expect(await fetchToken(herald, appid, secret, '::ffff:10.1.1.1')).toBeTruthy();
    expect(await fetchToken(herald, appid, secret, '2001:db8:1::5')).toBeTruthy();
    expectWxError(
      await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret }), { remoteAddress: '192.0.2.8' }),
      40164,
    );
    expectWxError(
      await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret }), { remoteAddress: '2001:db9::1' }),
      40164,
      'invalid ip 2001:db9::1 ipv6 2001:db9::1, not in whitelist',
    );
    // A wrong secret is reported before the whitelist, so outsiders learn nothing about it.
    expectWxError(
      await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret: 'nope' }), { remoteAddress: '47.103.62.98' }),
      40125,
    );
    // The whitelist guards getting a token; a token works from anywhere.
    const t = await fetchToken(herald, appid, secret, '10.0.0.1');
    const used = await herald.app.inject({ method: 'GET', url: `/cgi-bin/getcallbackip?access_token=${t}`, remoteAddress: '47.103.62.98' });
    expect(used.json().ip_list).toBeDefined();
    await setIpWhitelist(herald.services, account.id, []);
    expect(await fetchToken(herald, appid, secret, '47.103.62.98')).toBeTruthy();
  });

  it('counts calls against the daily quota of 2000 and answers 45009 after', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const day = chinaDay(herald.services.clock.nowMs());
    // 1998 calls already made today (written as the meter writes them), then two real ones.
    await herald.services.db.insert(apiQuotaUsage).values({ accountId: account.id, api: '/cgi-bin/token', day, used: 1998 });
    await fetchToken(herald, appid, secret);
    const last = await fetchToken(herald, appid, secret);
    const over = await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret }));
    expectWxError(over, 45009, 'reach max api daily quota limit');
    // Refused calls with a wrong secret are not counted, and the last token still works.
    expectWxError(await wxCall(herald, 'GET', tokenUrl({ grant_type: 'client_credential', appid, secret: 'bad' })), 40125);
    const quota = await wxCall(herald, 'POST', `/cgi-bin/openapi/quota/get?access_token=${last}`, { body: { cgi_path: '/cgi-bin/token' } });
    expect(quota).toEqual({ errcode: 0, errmsg: 'ok', quota: { daily_limit: 2000, used: 2000, remain: 0 } });
    await herald.services.quotas.flush();
    const [row] = await herald.services.db
      .select()
      .from(apiQuotaUsage)
      .where(and(eq(apiQuotaUsage.accountId, account.id), eq(apiQuotaUsage.api, '/cgi-bin/token'), eq(apiQuotaUsage.day, day)));
    expect(row.used).toBe(2000);
  });

  it('answers 43001 for methods other than GET and POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      expectWxError(await wxCall(herald, method, '/cgi-bin/token'), 43001, 'require GET method');
    }
    const head = await herald.app.inject({ method: 'HEAD', url: '/cgi-bin/token' });
    expect(head.statusCode).toBe(200);
  });
});
