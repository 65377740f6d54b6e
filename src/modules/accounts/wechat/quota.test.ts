import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, useToken, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { apiQuotaUsage } from '../../../surfaces/wechat/schema.js';
import { chinaDay, chinaMonth, nextChinaDayStart, nextChinaMonthStart } from '../../../platform/clock.js';

const MIN = 60_000;

describeEachDb('quota APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const post = (path: string, token: string, body: unknown): Promise<WxBody> =>
    wxCall(herald, 'POST', `${path}?access_token=${token}`, { body });
  const quotaOf = async (token: string, cgiPath: string) => {
    const r = await post('/cgi-bin/openapi/quota/get', token, { cgi_path: cgiPath });
    expect(r.errcode, JSON.stringify(r)).toBe(0);
    return r.quota as { daily_limit: number; used: number; remain: number };
  };
  /** Moves the clock forward to `ms` (it only moves forward). */
  const advanceTo = (ms: number) => herald.services.clock.advance(Math.max(0, ms - herald.services.clock.nowMs()));

  it('reports daily_limit, used and remain per API', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    await fetchToken(herald, appid, secret);
    const t = await fetchToken(herald, appid, secret);
    await useToken(herald, t);
    await useToken(herald, t);
    await useToken(herald, t);
    const r = await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/cgi-bin/token' });
    expect(r).toEqual({ errcode: 0, errmsg: 'ok', quota: { daily_limit: 2000, used: 2, remain: 1998 } });
    expect(await quotaOf(t, '/cgi-bin/getcallbackip')).toEqual({ daily_limit: 10_000_000, used: 3, remain: 9_999_997 });
    // APIs with a documented quota that no call used yet.
    expect(await quotaOf(t, '/cgi-bin/message/mass/sendall')).toEqual({ daily_limit: 100, used: 0, remain: 100 });
  });

  it('counts concurrent calls exactly', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    const answers = await Promise.all(Array.from({ length: 40 }, () => useToken(herald, t)));
    expect(answers.every((a) => Array.isArray(a.ip_list))).toBe(true);
    expect((await quotaOf(t, '/cgi-bin/getcallbackip')).used).toBe(40);
    await herald.services.quotas.flush();
    const rows = await herald.database.rows<{ used: number }>(
      sql`select used from api_quota_usage where api = '/cgi-bin/getcallbackip' and account_id = (select id from accounts where appid = ${appid})`,
    );
    expect(rows.map((r) => Number(r.used))).toEqual([40]);
  });

  it("keeps other accounts' counts when an account is deleted with calls still unwritten", async () => {
    const gone = await makeAccount(herald.services);
    const kept = await makeAccount(herald.services);
    const meter = herald.services.quotas;
    await meter.stop(); // no background flush while the batch is prepared
    try {
      expect(await meter.take(gone.account.id, '/cgi-bin/getcallbackip')).toBe(true);
      expect(await meter.take(kept.account.id, '/cgi-bin/getcallbackip')).toBe(true);
      await herald.database.rows(sql`delete from accounts where id = ${gone.account.id}`);
      await meter.flush();
    } finally {
      meter.start();
    }
    const rows = await herald.database.rows<{ account_id: string; used: number }>(
      sql`select account_id, used from api_quota_usage where account_id in (${gone.account.id}, ${kept.account.id})`,
    );
    expect(rows.map((r) => [r.account_id, Number(r.used)])).toEqual([[kept.account.id, 1]]);
    // The meter's own view agrees with what was written.
    expect((await meter.usage(kept.account.id, '/cgi-bin/getcallbackip')).used).toBe(1);
  });

  it('answers 76003 for a malformed cgi_path, 76021 for an unknown one, 76022 for one the account may not use', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'subscription', verified: false });
    const t = await fetchToken(herald, appid, secret);
    for (const bad of ['https://api.weixin.qq.com/cgi-bin/token', 'cgi-bin/token', '', '/', '/cgi-bin/token?x=1', '/cgi-bin/../token', ' /cgi-bin/token', 42, null, ['/cgi-bin/token'], `/${'a'.repeat(300)}`]) {
      expectWxError(await post('/cgi-bin/openapi/quota/get', t, { cgi_path: bad }), 76003);
    }
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/cgi-bin/tok\u0000en' }), 40033);
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, {}), 76003);
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/cgi-bin/no/such/api' }), 76021, 'cgi_path not found, please check');
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/sns/oauth2/access_token' }), 76022, 'could not use this cgi_path,no permission');
    // An unverified subscription account has no custom menu or mass send (reference §13).
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/cgi-bin/menu/create' }), 76022);
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, { cgi_path: '/cgi-bin/message/mass/sendall' }), 76022);
    expect((await quotaOf(t, '/cgi-bin/token')).daily_limit).toBe(2000);
    expect((await quotaOf(t, '/cgi-bin/stable_token')).daily_limit).toBe(500000);
    const svc = await makeAccount(herald.services, { type: 'service', verified: true });
    expect((await quotaOf(await fetchToken(herald, svc.appid, svc.secret), '/cgi-bin/menu/create')).daily_limit).toBe(1000);
    expectWxError(await post('/cgi-bin/openapi/quota/get', t, [{ cgi_path: '/cgi-bin/token' }]), 47001);
  });

  it('counts per China calendar day: the counter starts again after Asia/Shanghai midnight', async () => {
    const now = herald.services.clock.nowMs();
    const lateEvening = nextChinaDayStart(now) - 2 * MIN; // 23:58 in Shanghai
    advanceTo(lateEvening > now ? lateEvening : lateEvening + 24 * 60 * MIN);
    const before = chinaDay(herald.services.clock.nowMs());
    const { appid, secret } = await makeAccount(herald.services);
    await fetchToken(herald, appid, secret);
    const t = await fetchToken(herald, appid, secret);
    await useToken(herald, t);
    expect((await quotaOf(t, '/cgi-bin/token')).used).toBe(2);
    herald.services.clock.advance(3 * MIN); // 00:01 the next day
    expect(chinaDay(herald.services.clock.nowMs())).not.toBe(before);
    expect(await quotaOf(t, '/cgi-bin/token')).toEqual({ daily_limit: 2000, used: 0, remain: 2000 });
    expect((await quotaOf(t, '/cgi-bin/getcallbackip')).used).toBe(0);
    await fetchToken(herald, appid, secret);
    expect((await quotaOf(t, '/cgi-bin/token')).used).toBe(1);
  });

  it('answers 45009 once a daily quota is used up, and serves again the next China day', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    const day = chinaDay(herald.services.clock.nowMs());
    await herald.services.db.insert(apiQuotaUsage).values({ accountId: account.id, api: '/cgi-bin/getcallbackip', day, used: 9_999_999 });
    expect((await useToken(herald, t)).ip_list).toBeDefined();
    expectWxError(await useToken(herald, t), 45009, 'reach max api daily quota limit');
    expectWxError(await useToken(herald, t), 45009);
    expect(await quotaOf(t, '/cgi-bin/getcallbackip')).toEqual({ daily_limit: 10_000_000, used: 10_000_000, remain: 0 });
    advanceTo(nextChinaDayStart(herald.services.clock.nowMs()) + MIN);
    const fresh = await fetchToken(herald, appid, secret);
    expect((await useToken(herald, fresh)).ip_list).toBeDefined();
  });

  it('openapi/quota/clear clears one API', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    await fetchToken(herald, appid, secret);
    const t = await fetchToken(herald, appid, secret);
    await useToken(herald, t);
    expect(await post('/cgi-bin/openapi/quota/clear', t, { cgi_path: '/cgi-bin/token' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await quotaOf(t, '/cgi-bin/token')).used).toBe(0);
    expect((await quotaOf(t, '/cgi-bin/getcallbackip')).used).toBe(1);
    expectWxError(await post('/cgi-bin/openapi/quota/clear', t, { cgi_path: 'https://api.weixin.qq.com/cgi-bin/token' }), 76003);
    expectWxError(await post('/cgi-bin/openapi/quota/clear', t, { cgi_path: '/cgi-bin/nope' }), 76021);
  });

  it('clear_quota clears every API, 10 times per China month (48006 after), again next month', async () => {
    advanceTo(nextChinaMonthStart(herald.services.clock.nowMs()) + 24 * 60 * MIN);
    const month = chinaMonth(herald.services.clock.nowMs());
    const { account, appid, secret } = await makeAccount(herald.services);
    const other = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    await useToken(herald, t);
    expectWxError(await post('/cgi-bin/clear_quota', t, {}), 41002, 'appid missing');
    expectWxError(await post('/cgi-bin/clear_quota', t, { appid: other.appid }), 40013, 'invalid appid');
    expectWxError(await post('/cgi-bin/clear_quota', t, { appid: 12 }), 40013);
    expectWxError(await post('/cgi-bin/clear_quota', t, [appid]), 47001);
    expect(await post('/cgi-bin/clear_quota', t, { appid })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await quotaOf(t, '/cgi-bin/token')).used).toBe(0);
    expect((await quotaOf(t, '/cgi-bin/getcallbackip')).used).toBe(0);
    // The allowance is shared with openapi/quota/clear: 1 used, 4 more here, 5 there.
    for (let i = 0; i < 4; i++) expect((await post('/cgi-bin/clear_quota', t, { appid })).errcode).toBe(0);
    for (let i = 0; i < 5; i++) expect((await post('/cgi-bin/openapi/quota/clear', t, { cgi_path: '/cgi-bin/token' })).errcode).toBe(0);
    expectWxError(await post('/cgi-bin/clear_quota', t, { appid }), 48006, 'forbid to clear quota because of reaching the limit');
    expectWxError(await post('/cgi-bin/openapi/quota/clear', t, { cgi_path: '/cgi-bin/token' }), 48006);
    const rows = await herald.database.rows<{ count: number }>(
      sql`select count from quota_clears where account_id = ${account.id} and month = ${month}`,
    );
    expect(Number(rows[0].count)).toBe(10);
    // Another account has its own allowance.
    const ot = await fetchToken(herald, other.appid, other.secret);
    expect((await post('/cgi-bin/clear_quota', ot, { appid: other.appid })).errcode).toBe(0);
    advanceTo(nextChinaMonthStart(herald.services.clock.nowMs()) + MIN);
    const t2 = await fetchToken(herald, appid, secret);
    expect(await post('/cgi-bin/clear_quota', t2, { appid })).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('clear_quota/v2 authenticates with AppID and AppSecret instead of a token', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const t = await fetchToken(herald, appid, secret);
    await useToken(herald, t);
    const v2 = (body?: unknown, query = '') => wxCall(herald, 'POST', `/cgi-bin/clear_quota/v2${query}`, { body });
    expect(await v2({ appid, appsecret: secret })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await quotaOf(t, '/cgi-bin/getcallbackip')).used).toBe(0);
    expect(await v2(undefined, `?appid=${appid}&appsecret=${secret}`)).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await v2({ appsecret: secret }), 41002, 'appid missing');
    expectWxError(await v2({ appid }), 41004, 'appsecret missing');
    expectWxError(await v2(), 41002);
    expectWxError(await v2({ appid: 'wx0123456789abcdef', appsecret: secret }), 40013, 'invalid appid');
    expectWxError(await v2({ appid, appsecret: 'wrong' }), 40125, 'invalid appsecret');
    expectWxError(await v2([appid, secret]), 47001);
    expectWxError(await v2('appid=x', ''), 47001);
    expectWxError(await wxCall(herald, 'GET', '/cgi-bin/clear_quota/v2'), 43002, 'require POST method');
    // Shares the monthly allowance: 2 used above, 8 more, then 48006.
    for (let i = 0; i < 8; i++) expect((await v2({ appid, appsecret: secret })).errcode).toBe(0);
    expectWxError(await v2({ appid, appsecret: secret }), 48006);
  });

  it('answers 43002 for GET on the POST-only quota APIs and 41001 without a token', async () => {
    for (const path of ['/cgi-bin/openapi/quota/get', '/cgi-bin/openapi/quota/clear', '/cgi-bin/clear_quota']) {
      expectWxError(await wxCall(herald, 'GET', path), 43002, 'require POST method');
      expectWxError(await wxCall(herald, 'PUT', path), 43002);
      expectWxError(await wxCall(herald, 'POST', path, { body: { cgi_path: '/cgi-bin/token' } }), 41001, 'access_token missing');
      expectWxError(await wxCall(herald, 'POST', `${path}?access_token=nonsense`, { body: {} }), 40001);
    }
  });
});
