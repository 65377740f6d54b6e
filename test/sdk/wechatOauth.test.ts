/**
 * wechat-oauth 1.5, unmodified, against a Herald on a loopback port. Its hosts are literal
 * (https://api.weixin.qq.com, https://open.weixin.qq.com), so the documented way to point it at
 * Herald (docs/WEB-APPS.md) is used: the instance's `request` rewrites the API origin before
 * calling the library's own, and the authorize URL's origin is rewritten.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { createFollowerUser } from '../../src/modules/followers/index.js';

type Callback<T> = (err: (Error & { name?: string; code?: number }) | null, result: T) => void;
interface TokenResult {
  data: { access_token: string; refresh_token: string; openid: string; scope: string; expires_in: number; unionid?: string };
}
interface OAuthClient {
  request(url: string, opts: unknown, callback: unknown): void;
  getAuthorizeURL(redirect: string, state: string, scope: string): string;
  getAccessToken(code: string, cb: Callback<TokenResult>): void;
  refreshAccessToken(refreshToken: string, cb: Callback<TokenResult>): void;
  getUser(options: { openid: string; lang?: string }, cb: Callback<Record<string, unknown>>): void;
  verifyToken(openid: string, accessToken: string, cb: Callback<{ errcode: number; errmsg: string }>): void;
}
type OAuthClass = (new (appid: string, secret: string) => OAuthClient) & { prototype: OAuthClient };

const require = createRequire(import.meta.url);
const OAuth = require('wechat-oauth') as OAuthClass;

const call = <T>(fn: (cb: Callback<T>) => void) =>
  new Promise<T>((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result))));

describeEachDb('wechat-oauth against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** The library's client, its API origin sent to Herald. */
  function clientFor(appid: string, secret: string): OAuthClient {
    const client = new OAuth(appid, secret);
    client.request = (url, opts, cb) => OAuth.prototype.request.call(client, url.replace('https://api.weixin.qq.com', herald.url), opts, cb);
    return client;
  }

  async function sim(path: string, body: unknown) {
    const res = await fetch(`${herald.url}/sim/v1${path}`, { method: path.includes('/web-') && !path.includes('/web/') ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('authorize URL → consent → getAccessToken, getUser, verifyToken, refreshAccessToken; code reuse is a WeChatAPIError 40163', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'service', verified: true });
    await sim(`/accounts/${appid}/web-domains/oauth`, { domains: ['localhost:3000'] });
    const user = await createFollowerUser(herald.services, { nickname: '小林', avatarUrl: 'https://img.example.com/a/0' });
    const client = clientFor(appid, secret);

    const authorize = client.getAuthorizeURL('http://localhost:3000/cb', 'st1', 'snsapi_userinfo').replace('https://open.weixin.qq.com', herald.url);
    expect(authorize).toMatch(/#wechat_redirect$/);
    const opened = await sim(`/users/${user.id}/web/open`, { url: authorize });
    expect(opened).toMatchObject({ outcome: 'consent', wechat_redirect: true });
    const allowed = await sim(`/users/${user.id}/web/consent`, { consent: opened.consent, answer: 'allow' });
    const code = String(allowed.code);
    expect(String(allowed.location)).toBe(`http://localhost:3000/cb?code=${code}&state=st1`);

    const token = await call<TokenResult>((cb) => client.getAccessToken(code, cb));
    expect(token.data).toMatchObject({ scope: 'snsapi_userinfo', expires_in: 7200, openid: expect.any(String), unionid: expect.any(String) });
    const info = await call<Record<string, unknown>>((cb) => client.getUser({ openid: token.data.openid, lang: 'zh_CN' }, cb));
    expect(info).toMatchObject({ openid: token.data.openid, nickname: '小林', sex: 0, province: '', city: '', country: '', headimgurl: 'https://img.example.com/a/0', unionid: token.data.unionid });
    expect(await call<{ errcode: number; errmsg: string }>((cb) => client.verifyToken(token.data.openid, token.data.access_token, cb))).toEqual({ errcode: 0, errmsg: 'ok' });

    const reuse = await call<TokenResult>((cb) => client.getAccessToken(code, cb)).catch((err: Error & { code?: number }) => err);
    expect(reuse).toMatchObject({ name: 'WeChatAPIError', code: 40163 });

    const refreshed = await call<TokenResult>((cb) => client.refreshAccessToken(token.data.refresh_token, cb));
    expect(refreshed.data).toMatchObject({ access_token: token.data.access_token, refresh_token: token.data.refresh_token, openid: token.data.openid });
    const bad = await call<TokenResult>((cb) => client.refreshAccessToken('nope', cb)).catch((err: Error & { code?: number }) => err);
    expect(bad).toMatchObject({ name: 'WeChatAPIError', code: 40030 });
  });
});
