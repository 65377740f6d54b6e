/**
 * node-easywechat 3.6.2 for web pages, unmodified, against a Herald on a loopback port: its
 * JsApiTicket and `getUtils().buildJsSdkConfig()` (base URL: the documented `http.baseURL`), and
 * its OAuth, which it delegates to node-socialite 1.4.1's WeChat provider. That provider's hosts
 * are fields of the class, so the application is given a provider of its own through
 * node-easywechat's `setOAuthFactory` (node-socialite documents custom providers as subclasses):
 * the WeChat provider with `_baseUrl` on Herald and its authorize URL built on Herald's origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OfficialAccount } from 'node-easywechat';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { createFollowerUser, followAccount } from '../../src/modules/followers/index.js';

interface SocialiteUser {
  getId(): string;
  getNickname(): string;
  getAvatar(): string;
  getRaw(): Record<string, unknown>;
  getAccessToken(): string;
  getRefreshToken(): string;
  getExpiresIn(): number;
}
interface WeChatProvider {
  scopes(scopes: string[]): WeChatProvider;
  withState(state: string): WeChatProvider;
  redirect(url?: string): string;
  userFromCode(code: string): Promise<SocialiteUser>;
  tokenFromCode(code: string): Promise<Record<string, unknown>>;
}
type WeChatClass = new (config: Record<string, unknown>) => WeChatProvider;

const require = createRequire(import.meta.url);
const WeChat = (require('node-socialite/dist/Providers/WeChat') as { default: WeChatClass }).default;

/** node-socialite's WeChat provider with its two WeChat hosts on Herald (a documented subclass). */
function heraldWeChat(heraldUrl: string): WeChatClass {
  return class HeraldWeChat extends WeChat {
    constructor(config: Record<string, unknown>) {
      super(config);
      (this as unknown as { _baseUrl: string })._baseUrl = `${heraldUrl}/sns`;
    }
    getAuthUrl(): string {
      return (this as unknown as { buildAuthUrlFromBase(url: string): string }).buildAuthUrlFromBase(`${heraldUrl}/connect/oauth2/authorize`);
    }
  };
}

describeEachDb('node-easywechat (web pages) against Herald', (kind) => {
  let herald: TestHerald;
  let cacheDir: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    cacheDir = mkdtempSync(path.join(tmpdir(), 'herald-easywechat-web-'));
  });
  afterAll(async () => {
    await herald?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  function appFor(appid: string, secret: string): OfficialAccount {
    const app = new OfficialAccount({
      app_id: appid,
      secret,
      token: 'herald',
      http: { baseURL: `${herald.url}/` },
      file_cache: { path: cacheDir, dirMode: 0o700, fileMode: 0o600, ext: '.cache' },
    });
    const Provider = heraldWeChat(herald.url);
    app.setOAuthFactory((a) => new Provider({ client_id: a.getAccount().getAppId(), client_secret: a.getAccount().getSecret(), redirect: 'http://localhost:3000/cb' }).scopes(['snsapi_userinfo']) as never);
    return app;
  }

  async function sim(method: 'POST' | 'PUT', p: string, body: unknown) {
    const res = await fetch(`${herald.url}/sim/v1${p}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('JsApiTicket and buildJsSdkConfig: the config passes Herald\'s wx.config check for the URL it signed (without #)', async () => {
    const { account, appid, secret } = await makeAccount(herald.services, { type: 'service', verified: true });
    await sim('PUT', `/accounts/${appid}/web-domains/jsapi`, { domains: ['localhost:3000'] });
    const user = await createFollowerUser(herald.services, { nickname: '阿青' });
    const app = appFor(appid, secret);
    const ticket = await app.getTicket().getTicket();
    expect(ticket).toMatch(/^[\w-]{86}$/);
    expect(await app.getTicket().getTicket()).toBe(ticket); // cached by the SDK
    const page = 'http://localhost:3000/pay?order=7';
    const config = (await app.getUtils().buildJsSdkConfig(page, ['chooseImage'], [], false)) as Record<string, unknown>;
    expect(config).toMatchObject({ appId: appid, url: page, jsApiList: ['chooseImage'], signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const wx = { appId: config.appId, timestamp: String(config.timestamp), nonceStr: config.nonceStr, signature: config.signature, jsApiList: config.jsApiList };
    expect(await sim('POST', `/users/${user.id}/jssdk/config`, { config: wx, url: page })).toMatchObject({ ok: true, err_msg: 'config:ok' });
    // The SDK signs what it is given: a URL with its #fragment is the classic invalid signature.
    const withHash = (await app.getTicket().configSignature(`${page}#top`)) as Record<string, unknown>;
    expect(await sim('POST', `/users/${user.id}/jssdk/config`, { config: { ...wx, timestamp: String(withHash.timestamp), nonceStr: withHash.nonceStr, signature: withHash.signature }, url: `${page}#top` })).toMatchObject({ ok: false, err_msg: 'config:fail,invalid signature' });
    await expectSdkCovered(herald, account.id, 'node-easywechat', ['/cgi-bin/token', '/cgi-bin/ticket/getticket']);
  });

  it('OAuth through node-socialite: authorize URL on Herald (connect_redirect=1), consent, userFromCode; menu silent; snapshot user', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'service', verified: true });
    await sim('PUT', `/accounts/${appid}/web-domains/oauth`, { domains: ['localhost:3000'] });
    const user = await createFollowerUser(herald.services, { nickname: '小马', avatarUrl: 'https://img.example.com/m/132' });
    const app = appFor(appid, secret);
    const oauth = app.getOAuth() as unknown as WeChatProvider;
    const url = oauth.withState('ew1').redirect();
    expect(url.startsWith(`${herald.url}/connect/oauth2/authorize?`)).toBe(true);
    expect(new URL(url).searchParams.get('connect_redirect')).toBe('1');
    expect(url).toMatch(/#wechat_redirect$/);
    const opened = await sim('POST', `/users/${user.id}/web/open`, { url });
    expect(opened).toMatchObject({ outcome: 'consent', scope: 'snsapi_userinfo' });
    const allowed = await sim('POST', `/users/${user.id}/web/consent`, { consent: opened.consent, answer: 'allow' });
    expect(String(allowed.location)).toBe(`http://localhost:3000/cb?code=${String(allowed.code)}&state=ew1`);
    const me = await oauth.userFromCode(String(allowed.code));
    expect(me.getId()).toMatch(/^o[\w-]{27}$/);
    expect(me.getNickname()).toBe('小马');
    expect(me.getAvatar()).toBe('https://img.example.com/m/132');
    expect(me.getExpiresIn()).toBe(7200);
    expect(me.getRaw()).toMatchObject({ sex: 0, province: '', unionid: expect.any(String) });

    await followAccount(herald.services, user.id, appid);
    const menu = await sim('POST', `/users/${user.id}/web/open`, { url, from: 'menu' });
    expect(menu).toMatchObject({ outcome: 'redirect', snapshot: false });
    expect((await app.getOAuth().userFromCode(String(menu.code))).getId()).toBe(me.getId());

    const stranger = await createFollowerUser(herald.services, { nickname: '路人' });
    const moments = await sim('POST', `/users/${stranger.id}/web/open`, { url, from: 'moments' });
    const token = await (app.getOAuth() as unknown as WeChatProvider).tokenFromCode(String(moments.code));
    expect(token).toMatchObject({ is_snapshotuser: 1, scope: 'snsapi_userinfo' });
  });
});
