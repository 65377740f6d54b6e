/**
 * Where the in-app browser was opened from: silent snsapi_userinfo for a follower who came from
 * the account's chat or menu, snapshot-page mode (`is_snapshotuser: 1`) for a non-follower from
 * Moments, and the `herald_from` cookie the phone sets (and what it refuses).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, wxCall } from '../../../../test/wxClient.js';
import { createFollowerUser, findFollow, followAccount } from '../../followers/index.js';
import { issuePhoneToken } from '../../../surfaces/phone/token.js';
import { ensureSettings, listGrants, replaceDomains } from '../store.js';
import { originOf } from './authorize.js';

const DOMAIN = 'h5.example.com';
const REDIRECT = `https://${DOMAIN}/back`;

it('originOf: only the asking account\'s own chat or menu counts; anything malformed is "other"', () => {
  const appid = 'wx0123456789abcdef';
  expect(originOf(`menu.${appid}`, appid)).toBe('menu');
  expect(originOf(`chat.${appid}`, appid)).toBe('chat');
  expect(originOf('moments', appid)).toBe('moments');
  expect(originOf(`menu.${appid}`, 'wxfedcba9876543210')).toBe('other');
  for (const bad of [undefined, '', 'menu', `menu.${appid}x`, `MENU.${appid}`, `menu.${appid}\n`, 'x'.repeat(10_000), 'moments ', 'chat.wx']) expect(originOf(bad, appid)).toBe('other');
});

describeEachDb('OAuth2: where the page was opened from', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup() {
    const made = await makeAccount(herald.services, { type: 'service', verified: true });
    await ensureSettings(herald.services.db, made.account.id, 'MP_verify_abcdefghijklmnop.txt');
    await replaceDomains(herald.services.db, made.account.id, 'oauth', [{ domain: DOMAIN, verifiedAt: null }], herald.services.clock.now());
    const user = await createFollowerUser(herald.services, { nickname: 'Lin', language: 'zh_CN', avatarUrl: 'https://img.example.com/a/132' });
    const token = await issuePhoneToken(herald.services, user.id);
    return { ...made, user, token };
  }
  const authorize = (appid: string, scope: string, state = 'S1') =>
    `/connect/oauth2/authorize?appid=${appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=${scope}&state=${state}&h5=1`;

  /** What the phone does when it opens a page: the session call, whose cookies the browser keeps. */
  async function session(token: string, body: unknown) {
    return herald.app.inject({ method: 'POST', url: '/phone/api/web/session', payload: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  }
  async function cookiesFor(token: string, body: unknown): Promise<string> {
    const res = await session(token, body);
    expect(res.statusCode, res.body).toBe(200);
    return ([] as string[])
      .concat(res.headers['set-cookie'] as string | string[])
      .map((c) => c.split(';')[0])
      .filter((c) => !c.startsWith('herald_browse='))
      .join('; ');
  }
  const page = (url: string, cookie: string) => herald.app.inject({ method: 'GET', url, headers: { cookie } });
  const exchange = (appid: string, secret: string, code: string) =>
    wxCall(herald, 'GET', `/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${encodeURIComponent(code)}&grant_type=authorization_code`);

  it('a follower who opened the page from the account\'s menu or chat is authorized silently (grant: silent); elsewhere, or from another account, sees the sheet', async () => {
    const a = await setup();
    const other = await makeAccount(herald.services, { type: 'service', verified: true });
    const openid = await followAccount(herald.services, a.user.id, a.appid);
    for (const from of ['menu', 'chat'] as const) {
      const cookie = await cookiesFor(a.token, { from, appid: a.appid });
      expect(cookie).toContain(`herald_from=${from}.${a.appid}`);
      const res = await page(authorize(a.appid, 'snsapi_userinfo'), cookie);
      expect(res.statusCode, res.body).toBe(302);
      // In the in-app browser the redirect comes back through the proxy.
      const back = String(res.headers.location);
      expect(back).toMatch(new RegExp(`^/h5/https/${DOMAIN}/back\\?code=[\\w-]{32}&state=S1$`));
      const token = await exchange(a.appid, a.secret, new URLSearchParams(back.split('?')[1]).get('code') ?? '');
      expect(token).toMatchObject({ openid, scope: 'snsapi_userinfo', unionid: expect.any(String) });
      expect(token.is_snapshotuser).toBeUndefined();
    }
    const grants = await listGrants(herald.services.db, a.account.id, 10);
    expect(grants.slice(0, 2).map((g) => g.result)).toEqual(['silent', 'silent']);

    // Another account's menu, Moments (a follower), or no entry: the consent sheet.
    for (const body of [{ from: 'menu', appid: other.appid }, { from: 'moments' }, {}]) {
      const res = await page(authorize(a.appid, 'snsapi_userinfo'), await cookiesFor(a.token, body));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="consent"');
    }
    // A non-follower from the menu still sees the sheet (the rule is for followers).
    const b = await setup();
    const res = await page(authorize(b.appid, 'snsapi_userinfo'), await cookiesFor(b.token, { from: 'menu', appid: b.appid }));
    expect(res.body).toContain('name="consent"');
  });

  it('snapshot-page mode: a non-follower from Moments gets no sheet, a virtual account\'s code; is_snapshotuser: 1 and a virtual profile', async () => {
    const a = await setup();
    const cookie = await cookiesFor(a.token, { from: 'moments' });
    const res = await page(authorize(a.appid, 'snsapi_userinfo', 'snap'), cookie);
    expect(res.statusCode, res.body).toBe(302);
    const code = new URLSearchParams(String(res.headers.location).split('?')[1]).get('code') ?? '';
    const token = await exchange(a.appid, a.secret, code);
    expect(token).toMatchObject({ scope: 'snsapi_userinfo', is_snapshotuser: 1, expires_in: 7200, openid: expect.stringMatching(/^o[\w-]{27}$/), unionid: expect.stringMatching(/^o[\w-]{27}$/) });
    const info = await wxCall(herald, 'GET', `/sns/userinfo?access_token=${encodeURIComponent(String(token.access_token))}&openid=${token.openid}&lang=zh_CN`);
    expect(info).toEqual({ openid: token.openid, nickname: '微信用户', headimgurl: '', sex: 0, province: '', city: '', country: '', privilege: [], unionid: token.unionid });
    // A refresh keeps the mark.
    const refreshed = await wxCall(herald, 'GET', `/sns/oauth2/refresh_token?appid=${a.appid}&grant_type=refresh_token&refresh_token=${encodeURIComponent(String(token.refresh_token))}`);
    expect(refreshed).toMatchObject({ is_snapshotuser: 1, openid: token.openid });
    // The follower's real openid was never made, and the virtual one is not it.
    expect(await findFollow(herald.services.db, a.account.id, a.user.id)).toBeUndefined();
    const real = await followAccount(herald.services, a.user.id, a.appid);
    expect(real).not.toBe(token.openid);
    expect((await listGrants(herald.services.db, a.account.id, 1))[0]).toMatchObject({ result: 'snapshot', openid: token.openid });
    // snsapi_base from Moments stays an ordinary silent authorization; a follower from Moments sees the sheet.
    const base = await page(authorize(a.appid, 'snsapi_base'), cookie);
    const baseToken = await exchange(a.appid, a.secret, new URLSearchParams(String(base.headers.location).split('?')[1]).get('code') ?? '');
    expect(baseToken).toMatchObject({ openid: real, scope: 'snsapi_base' });
    expect(baseToken.is_snapshotuser).toBeUndefined();
    expect((await page(authorize(a.appid, 'snsapi_userinfo'), cookie)).body).toContain('name="consent"');
  });

  it('snapshot page in the in-app browser: the authorize page leaves the proxy the "使用完整服务" address for one minute; a normal browser gets no cookie', async () => {
    const a = await setup();
    const cookie = await cookiesFor(a.token, { from: 'moments' });
    const res = await page(authorize(a.appid, 'snsapi_userinfo', 'snap'), cookie);
    expect(res.statusCode, res.body).toBe(302);
    const set = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).filter((c) => c.startsWith('herald_snapshot='));
    expect(set).toHaveLength(1);
    for (const attribute of ['Max-Age=60', 'Path=/h5/', 'HttpOnly', 'SameSite=Lax']) expect(set[0].split('; ')).toContain(attribute);
    const address = decodeURIComponent(set[0].split(';')[0].slice('herald_snapshot='.length));
    expect(address).toBe(`/connect/oauth2/authorize?appid=${a.appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=snsapi_userinfo&state=snap&full_service=1&h5=1`);
    // The address shows the sheet (its form keeps the in-app browser's mark).
    const sheet = await page(address, cookie);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('action="/connect/oauth2/authorize/consent?h5=1"');
    expect(sheet.headers['set-cookie']).toBeUndefined();
    // Outside the in-app browser (no h5 mark) the snapshot redirect sets nothing.
    const plain = await page(authorize(a.appid, 'snsapi_userinfo').replace('&h5=1', ''), cookie);
    expect(plain.statusCode).toBe(302);
    expect(plain.headers['set-cookie']).toBeUndefined();
  });

  it('the simulator: from "moments" answers snapshot: true and the "使用完整服务" address, which opens the sheet; the same follower elsewhere gets the sheet', async () => {
    const a = await setup();
    const open = async (from: string, url = `${authorize(a.appid, 'snsapi_userinfo')}#wechat_redirect`) =>
      (await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${a.user.id}/web/open`, payload: { url, from } })).json() as Record<string, unknown>;
    const snapshot = await open('moments');
    expect(snapshot).toMatchObject({ outcome: 'redirect', snapshot: true, code: expect.any(String), full_service_url: expect.stringMatching(/^\/connect\/oauth2\/authorize\?/) });
    const full = new URLSearchParams(String(snapshot.full_service_url).split('?')[1]);
    expect(Object.fromEntries(full)).toEqual({ appid: a.appid, redirect_uri: REDIRECT, response_type: 'code', scope: 'snsapi_userinfo', state: 'S1', full_service: '1' });
    // Use full service: still from Moments, the consent sheet; allowed, the follower's real openid.
    const sheet = await open('moments', String(snapshot.full_service_url));
    expect(sheet).toMatchObject({ outcome: 'consent' });
    expect(sheet.full_service_url).toBeUndefined();
    const allowed = (await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${a.user.id}/web/consent`, payload: { consent: sheet.consent, answer: 'allow' } })).json() as Record<string, unknown>;
    expect(allowed).toMatchObject({ outcome: 'redirect', snapshot: false });
    const token = await exchange(a.appid, a.secret, String(allowed.code));
    expect(token.is_snapshotuser).toBeUndefined();
    expect(token.openid).toBe((await findFollow(herald.services.db, a.account.id, a.user.id))?.openid);
    expect((await listGrants(herald.services.db, a.account.id, 1))[0]).toMatchObject({ result: 'allowed' });
    // full_service is Herald's word only for "1": anything else leaves the snapshot as it was.
    for (const value of ['0', 'true', '1 ', 'x'.repeat(5000)]) {
      expect(await open('moments', `${authorize(a.appid, 'snsapi_userinfo')}&full_service=${encodeURIComponent(value)}`), value.slice(0, 10)).toMatchObject({ snapshot: true });
    }
    expect(await open('other')).toMatchObject({ outcome: 'consent' });
    const bad = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${a.user.id}/web/open`, payload: { url: authorize(a.appid, 'snsapi_base'), from: 'timeline' } });
    expect(bad.statusCode).toBe(400);
  });

  it('hostile: the session body and a forged from cookie never make a sheet silent', async () => {
    const a = await setup();
    await followAccount(herald.services, a.user.id, a.appid);
    for (const body of [{ from: 'menu' }, { from: 'chat', appid: 'javascript:alert(1)' }, { from: 'menu', appid: `${a.appid}\r\nset-cookie: x=1` }, { from: 'admin' }, { from: 'menu', appid: a.appid, extra: 1 }, { from: 'x'.repeat(100_000) }, [], 'menu']) {
      const res = await session(a.token, body);
      expect([400, 413], JSON.stringify(body).slice(0, 80)).toContain(res.statusCode);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // Without the phone's token: no cookie at all.
    expect((await herald.app.inject({ method: 'POST', url: '/phone/api/web/session', payload: { from: 'moments' } })).statusCode).toBe(401);
    const follower = `herald_follower=${a.token}`;
    for (const forged of [`herald_from=menu.${a.appid}x`, 'herald_from=menu', `herald_from=${encodeURIComponent(`menu.${a.appid}\n`)}`, `herald_from=${'m'.repeat(50_000)}`]) {
      const res = await page(authorize(a.appid, 'snsapi_userinfo'), `${follower}; ${forged}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="consent"');
    }
    // Without a follower the entry means nothing.
    const anon = await page(authorize(a.appid, 'snsapi_userinfo'), `herald_from=menu.${a.appid}`);
    expect(anon.statusCode).toBe(200);
    expect(anon.body).not.toContain('name="consent"');
    expectWxError(await exchange(a.appid, a.secret, 'x'.repeat(600)), 40029);
  });
});
