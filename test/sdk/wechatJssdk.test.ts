/**
 * wechat-jssdk 5, unmodified, against a Herald on a loopback port, through its documented URL
 * settings (`accessTokenUrl`, `ticketUrl`, `oAuthUrl`, `apiUrl`; docs/WEB-APPS.md): the signature
 * its JSSDK makes for a page passes Herald's wx.config check, and its OAuth round (authorize URL,
 * code, access_token, userinfo) works, snapshot-page mode included. Its in-memory Store keeps the
 * test off the disk (the default FileStore writes a file).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { createFollowerUser, followAccount } from '../../src/modules/followers/index.js';
import { expectSdkCovered } from '../sdkCoverage.js';

interface Signature {
  appId: string;
  timestamp: string;
  nonceStr: string;
  signature: string;
  url: string;
}
interface JssdkClient {
  getSignature(url: string, force?: boolean): Promise<Signature>;
}
interface OAuthClient {
  generateOAuthUrl(redirect: string, scope?: string, state?: string): string;
  getUserInfo(code: string, key?: string, withToken?: boolean): Promise<Record<string, unknown>>;
  getUserBaseInfo(code: string, key?: string): Promise<Record<string, unknown>>;
}
interface WechatJssdk {
  JSSDK: new (options: Record<string, unknown>) => JssdkClient;
  OAuth: new (options: Record<string, unknown>) => OAuthClient;
  Store: new () => object;
}

const require = createRequire(import.meta.url);
const { JSSDK, OAuth, Store } = require('wechat-jssdk') as WechatJssdk;

describeEachDb('wechat-jssdk against Herald', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  /** The library's settings, every WeChat address pointed at Herald. */
  const settings = (appId: string, appSecret: string) => ({
    appId,
    appSecret,
    accessTokenUrl: `${herald.url}/cgi-bin/token`,
    ticketUrl: `${herald.url}/cgi-bin/ticket/getticket`,
    oAuthUrl: `${herald.url}/connect/oauth2/authorize`,
    apiUrl: herald.url,
    store: new Store(),
  });

  async function sim(method: 'POST' | 'PUT', path: string, body: unknown) {
    const res = await fetch(`${herald.url}/sim/v1${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('getSignature for a page (its #fragment dropped) passes Herald\'s wx.config check; another page\'s URL does not', async () => {
    const { appid, secret, account } = await makeAccount(herald.services, { type: 'service', verified: true });
    await sim('PUT', `/accounts/${appid}/web-domains/jsapi`, { domains: ['localhost:3000'] });
    const user = await createFollowerUser(herald.services, { nickname: '阿明' });
    const jssdk = new JSSDK(settings(appid, secret));
    const page = 'http://localhost:3000/shop?id=1&from=menu';
    const sig = await jssdk.getSignature(`${page}#section`);
    expect(sig).toMatchObject({ appId: appid, url: page, signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const config = { appId: sig.appId, timestamp: sig.timestamp, nonceStr: sig.nonceStr, signature: sig.signature, jsApiList: ['scanQRCode'] };
    expect(await sim('POST', `/users/${user.id}/jssdk/config`, { config, url: `${page}#section` })).toMatchObject({ ok: true, err_msg: 'config:ok', js_api_list: ['scanQRCode'] });
    expect(await sim('POST', `/users/${user.id}/jssdk/config`, { config, url: 'http://localhost:3000/shop?id=2' })).toMatchObject({ ok: false, err_msg: 'config:fail,invalid signature' });
    // A page on a domain that is not a JS safe domain.
    const away = await jssdk.getSignature('http://elsewhere.example/');
    expect(await sim('POST', `/users/${user.id}/jssdk/config`, { config: { ...config, timestamp: away.timestamp, nonceStr: away.nonceStr, signature: away.signature }, url: 'http://elsewhere.example/' })).toMatchObject({ ok: false, err_msg: 'config:fail,invalid url domain' });
    await expectSdkCovered(herald, account.id, 'wechat-jssdk', ['/cgi-bin/token', '/cgi-bin/ticket/getticket']);
  });

  it('OAuth: generateOAuthUrl opens on Herald; consent; getUserInfo exchanges the code and reads the profile', async () => {
    const { appid, secret, account } = await makeAccount(herald.services, { type: 'service', verified: true });
    await sim('PUT', `/accounts/${appid}/web-domains/oauth`, { domains: ['localhost:3000'] });
    const user = await createFollowerUser(herald.services, { nickname: '小周', avatarUrl: 'https://img.example.com/z/0' });
    const oauth = new OAuth(settings(appid, secret));
    const url = oauth.generateOAuthUrl('http://localhost:3000/cb', 'snsapi_userinfo', 'st9');
    expect(url.startsWith(`${herald.url}/connect/oauth2/authorize?appid=${appid}&`)).toBe(true);
    expect(url).toMatch(/#wechat_redirect$/);
    const opened = await sim('POST', `/users/${user.id}/web/open`, { url });
    expect(opened).toMatchObject({ outcome: 'consent', wechat_redirect: true });
    const allowed = await sim('POST', `/users/${user.id}/web/consent`, { consent: opened.consent, answer: 'allow' });
    const profile = await oauth.getUserInfo(String(allowed.code), 'session-1', true);
    expect(profile).toMatchObject({ nickname: '小周', headimgurl: 'https://img.example.com/z/0', sex: 0, scope: 'snsapi_userinfo', expires_in: 7200, openid: expect.stringMatching(/^o[\w-]{27}$/), unionid: expect.any(String) });
    // The code is used: the library rejects with Herald's body.
    await expect(oauth.getUserInfo(String(allowed.code))).rejects.toMatchObject({ errcode: 40163, errmsg: expect.stringMatching(/^code been used/) });

    // A follower from the account's menu: no sheet. A non-follower from Moments: a snapshot user.
    await followAccount(herald.services, user.id, appid);
    const menu = await sim('POST', `/users/${user.id}/web/open`, { url, from: 'menu' });
    expect(menu).toMatchObject({ outcome: 'redirect', snapshot: false });
    expect(await oauth.getUserBaseInfo(String(menu.code))).toMatchObject({ openid: profile.openid });
    const stranger = await createFollowerUser(herald.services, { nickname: '路人' });
    const moments = await sim('POST', `/users/${stranger.id}/web/open`, { url, from: 'moments' });
    expect(moments).toMatchObject({ outcome: 'redirect', snapshot: true });
    const snap = await oauth.getUserInfo(String(moments.code), 'session-2', true);
    expect(snap).toMatchObject({ is_snapshotuser: 1, nickname: '微信用户' });
    expect(snap.openid).not.toBe(profile.openid);
    await expectSdkCovered(herald, account.id, 'wechat-jssdk', ['/sns/oauth2/access_token', '/sns/userinfo']);
  });
});
