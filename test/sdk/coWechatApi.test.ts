/**
 * co-wechat-api 3.x, unmodified, against a Herald listening on a real loopback port. The SDK's
 * host prefixes are instance fields; everything else is the SDK's own code.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { fetchToken } from '../wxClient.js';

interface CoToken {
  accessToken: string;
  expireTime: number;
}
interface CoApi {
  prefix: string;
  snsPrefix: string;
  mpPrefix: string;
  fileServerPrefix: string;
  payPrefix: string;
  merchantPrefix: string;
  customservicePrefix: string;
  wxaPrefix: string;
  store?: CoToken | null;
  getAccessToken(): Promise<CoToken>;
  getIp(): Promise<{ ip_list: string[] }>;
}
type CoApiClass = new (appid: string, secret: string) => CoApi;

const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoApiClass;

/** Points every host prefix of the SDK at Herald. */
function clientFor(herald: TestHerald, appid: string, secret: string): CoApi {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  api.mpPrefix = `${herald.url}/cgi-bin/`;
  api.fileServerPrefix = `${herald.url}/cgi-bin/`;
  api.snsPrefix = `${herald.url}/sns/`;
  api.payPrefix = `${herald.url}/pay/`;
  api.merchantPrefix = `${herald.url}/merchant/`;
  api.customservicePrefix = `${herald.url}/customservice/`;
  api.wxaPrefix = `${herald.url}/wxa/`;
  return api;
}

async function answers(herald: TestHerald, accountId: string) {
  await herald.services.requestLog.flush();
  // Failed requests are stored; successful ones stay in the log's in-memory window.
  const failed = await herald.database.rows<{ path: string; errcode: number; at: Date }>(
    sql`select split_part(request_url, '?', 1) as path, errcode, invoked_at as at from api_requests where account_id = ${accountId}`,
  );
  const ok = herald.services.requestLog
    .recentSuccesses(accountId)
    .map((r) => ({ path: r.requestUrl.split('?')[0], errcode: r.errcode ?? 0, at: r.invokedAt }));
  return [...failed, ...ok].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

describeEachDb('co-wechat-api against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true, env: { HERALD_CALLBACK_IPS: '127.0.0.1,10.1.2.3' } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('fetches a token and the callback IPs', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const token = await api.getAccessToken();
    expect(token.accessToken).toMatch(/^\d{2}_/);
    expect(token.expireTime).toBeGreaterThan(Date.now() + 7000 * 1000);
    expect(await api.getIp()).toEqual({ ip_list: ['127.0.0.1', '10.1.2.3'] });
    await expectSdkCovered(herald, account.id, 'co-wechat-api', ['/cgi-bin/token', '/cgi-bin/getcallbackip']);
  });

  it('refreshes its token itself after 42001 (expired) and succeeds', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    await api.getIp();
    const held = api.store?.accessToken;
    expect(held).toBeTruthy();
    // Herald's clock passes the token's 7200 s; the SDK's own clock still thinks it is valid.
    herald.services.clock.advance(7201 * 1000);
    expect(await api.getIp()).toEqual({ ip_list: ['127.0.0.1', '10.1.2.3'] });
    expect(api.store?.accessToken).toBeTruthy();
    expect(api.store?.accessToken).not.toBe(held);
    // Herald saw: token, getcallbackip, getcallbackip -> 42001, token, getcallbackip.
    const log = (await answers(herald, account.id)).map((r) => `${r.path} ${r.errcode}`).sort();
    expect(log).toEqual([
      '/cgi-bin/getcallbackip 0',
      '/cgi-bin/getcallbackip 0',
      '/cgi-bin/getcallbackip 42001',
      '/cgi-bin/token 0',
      '/cgi-bin/token 0',
    ]);
  });

  it('refreshes after 40001 once another client rotated the token 5 minutes ago', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    await api.getIp();
    const held = api.store?.accessToken;
    await fetchToken(herald, appid, secret); // another process fetches a token
    herald.services.clock.advance(4 * 60 * 1000);
    await api.getIp(); // still inside the 5-minute overlap: no refresh
    expect(api.store?.accessToken).toBe(held);
    herald.services.clock.advance(60 * 1000);
    expect((await api.getIp()).ip_list).toHaveLength(2);
    expect(api.store?.accessToken).not.toBe(held);
    expect((await answers(herald, account.id)).some((r) => r.errcode === 40001)).toBe(true);
  });

  it('reports credential errors as WeChatAPIError with the errcode', async () => {
    const { appid } = await makeAccount(herald.services);
    const wrong = clientFor(herald, appid, '0'.repeat(32));
    const err = (await wrong.getIp().catch((e: unknown) => e)) as { name: string; code: number; message: string };
    expect(err.name).toBe('WeChatAPIError');
    expect(err.code).toBe(40125);
    expect(err.message).toMatch(/^invalid appsecret rid: /);
    const unknown = clientFor(herald, 'wx0000000000000000', 'x');
    expect(((await unknown.getIp().catch((e: unknown) => e)) as { code: number }).code).toBe(40013);
  });
});
