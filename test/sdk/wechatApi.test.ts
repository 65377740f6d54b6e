/**
 * wechat-api 1.x (callback style), unmodified, against a Herald listening on a real loopback port.
 * Its host is the instance field `endpoint`.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';

type Callback<T> = (err: (Error & { code?: number }) | null, data: T) => void;
interface SdkToken {
  accessToken: string;
  expireTime: number;
}
interface WechatApi {
  endpoint: string;
  getAccessToken(cb: Callback<SdkToken>): void;
  getIp(cb: Callback<{ ip_list: string[] }>): void;
  clearQuota(appid: string, cb: Callback<{ errcode: number; errmsg: string }>): void;
}
type WechatApiClass = new (
  appid: string,
  secret: string,
  getToken?: (cb: Callback<SdkToken | null>) => void,
  saveToken?: (token: SdkToken | null, cb: (err: Error | null) => void) => void,
) => WechatApi;

const require = createRequire(import.meta.url);
const WechatAPI = require('wechat-api') as WechatApiClass;

/** Runs a callback-style SDK call as a promise. */
function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));
}

describeEachDb('wechat-api against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** A client with the token store hooks the SDK documents for multi-process use. */
  function clientFor(appid: string, secret: string) {
    const store: { token: SdkToken | null } = { token: null };
    const api = new WechatAPI(
      appid,
      secret,
      (cb) => cb(null, store.token),
      (token, cb) => {
        store.token = token;
        cb(null);
      },
    );
    api.endpoint = herald.url;
    return { api, store };
  }

  it('fetches a token, the callback IPs, and clears the quota', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const { api, store } = clientFor(appid, secret);
    const token = await call<SdkToken>((cb) => api.getAccessToken(cb));
    expect(token.accessToken).toMatch(/^\d{2}_/);
    expect(store.token?.accessToken).toBe(token.accessToken);
    expect(await call<{ ip_list: string[] }>((cb) => api.getIp(cb))).toEqual({ ip_list: herald.config.callbackIps });
    expect(await call((cb) => api.clearQuota(appid, cb))).toEqual({ errcode: 0, errmsg: 'ok' });
    await expectSdkCovered(herald, account.id, 'wechat-api', ['/cgi-bin/token', '/cgi-bin/getcallbackip', '/cgi-bin/clear_quota']);
  });

  it('surfaces 42001 "access_token expired"; dropping the stored token recovers', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const { api, store } = clientFor(appid, secret);
    await call((cb) => api.getIp(cb));
    const held: string | undefined = store.token?.accessToken;
    herald.services.clock.advance(7201 * 1000);
    // wechat-api 1.x retries only on 40001 and trusts its own clock, so the 42001 reaches the caller.
    const err = (await call((cb) => api.getIp(cb)).catch((e: unknown) => e)) as Error & { code?: number };
    expect(err.name).toBe('WeChatAPIError');
    expect(err.code).toBe(42001);
    expect(err.message).toContain('access_token expired');
    store.token = null as SdkToken | null; // what saveToken(null) does
    expect((await call<{ ip_list: string[] }>((cb) => api.getIp(cb))).ip_list).toEqual(herald.config.callbackIps);
    expect(store.token?.accessToken).toBeTruthy();
    expect(store.token?.accessToken).not.toBe(held);
  });

  it('reports credential and ownership errors with their errcodes', async () => {
    const { appid } = await makeAccount(herald.services);
    const wrong = clientFor(appid, 'f'.repeat(32)).api;
    const err = (await call((cb) => wrong.getIp(cb)).catch((e: unknown) => e)) as Error & { code?: number };
    expect(err.code).toBe(40125);
    const other = await makeAccount(herald.services);
    const mine = await makeAccount(herald.services);
    const { api } = clientFor(mine.appid, mine.secret);
    const notMine = (await call((cb) => api.clearQuota(other.appid, cb)).catch((e: unknown) => e)) as Error & { code?: number };
    expect(notMine.code).toBe(40013);
  });
});
