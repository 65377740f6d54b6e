import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { createFollowerUser, followAccount } from '../../followers/index.js';
import { accounts } from '../../accounts/schema.js';
import { issuePhoneToken } from '../../../surfaces/phone/token.js';
import { ensureSettings, listGrants, replaceDomains, setStrictDomains } from '../store.js';
import type { AccountType } from '../../accounts/rules/capabilities.js';

const DOMAIN = 'h5.example.com';
const REDIRECT = `https://${DOMAIN}/oauth/back?from=menu`;

describeEachDb('OAuth2 web authorization', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup(opts: { type?: AccountType; verified?: boolean; domains?: string[] } = {}) {
    const made = await makeAccount(herald.services, { type: opts.type ?? 'service', verified: opts.verified ?? true });
    await ensureSettings(herald.services.db, made.account.id, 'MP_verify_abcdefghijklmnop.txt');
    await replaceDomains(herald.services.db, made.account.id, 'oauth', (opts.domains ?? [DOMAIN]).map((domain) => ({ domain, verifiedAt: null })), herald.services.clock.now());
    const user = await createFollowerUser(herald.services, { nickname: 'Lin', language: 'zh_CN', avatarUrl: 'https://img.example.com/a/132' });
    return { ...made, user };
  }

  const authorizeUrl = (appid: string, scope: string, state = 'STATE1', redirect = REDIRECT) =>
    `/connect/oauth2/authorize?appid=${appid}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=${scope}&state=${state}#wechat_redirect`;

  async function open(userId: string, url: string, from?: string): Promise<WxBody> {
    const res = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${userId}/web/open`, payload: { url, ...(from ? { from } : {}) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function consent(userId: string, ticket: string, answer: 'allow' | 'deny'): Promise<WxBody> {
    const res = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${userId}/web/consent`, payload: { consent: ticket, answer } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const exchange = (appid: string, secret: string, code: string) =>
    wxCall(herald, 'GET', `/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${encodeURIComponent(code)}&grant_type=authorization_code`);
  const refresh = (appid: string, token: string) => wxCall(herald, 'GET', `/sns/oauth2/refresh_token?appid=${appid}&grant_type=refresh_token&refresh_token=${encodeURIComponent(token)}`);
  const userinfo = (token: string, openid: string, lang = 'zh_CN') => wxCall(herald, 'GET', `/sns/userinfo?access_token=${encodeURIComponent(token)}&openid=${openid}&lang=${lang}`);
  const snsAuth = (token: string, openid: string) => wxCall(herald, 'GET', `/sns/auth?access_token=${encodeURIComponent(token)}&openid=${openid}`);

  it('snsapi_base: silent redirect with code and state; the code gives openid only, once (40163)', async () => {
    const a = await setup();
    const opened = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'));
    expect(opened).toMatchObject({ outcome: 'redirect', state: 'STATE1', wechat_redirect: true });
    const location = new URL(String(opened.location));
    expect(`${location.origin}${location.pathname}`).toBe(`https://${DOMAIN}/oauth/back`);
    expect(location.searchParams.get('from')).toBe('menu');
    expect(location.searchParams.get('code')).toBe(opened.code);
    expect(location.searchParams.get('state')).toBe('STATE1');

    const token = await exchange(a.appid, a.secret, String(opened.code));
    expect(token).toEqual({ access_token: expect.any(String), expires_in: 7200, refresh_token: expect.any(String), openid: expect.stringMatching(/^o[\w-]{27}$/), scope: 'snsapi_base' });
    expect(token.unionid).toBeUndefined();
    expectWxError(await exchange(a.appid, a.secret, String(opened.code)), 40163, 'code been used');
    expect(await snsAuth(String(token.access_token), String(token.openid))).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await userinfo(String(token.access_token), String(token.openid)), 48001);

    // The follower never followed: the openid is theirs, and following later keeps it.
    const openid = await followAccount(herald.services, a.user.id, a.appid);
    expect(openid).toBe(token.openid);
    const grants = await listGrants(herald.services.db, a.account.id, 10);
    expect(grants[0]).toMatchObject({ result: 'silent', scope: 'snsapi_base', openid, redirectHost: DOMAIN });
  });

  it('snsapi_userinfo: consent, allow → code with unionid; userinfo follows the 2021 blank rule; deny returns only state', async () => {
    const a = await setup();
    const opened = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_userinfo', 'xyz'));
    expect(opened).toMatchObject({ outcome: 'consent', appid: a.appid, scope: 'snsapi_userinfo' });
    const allowed = await consent(a.user.id, String(opened.consent), 'allow');
    expect(allowed).toMatchObject({ outcome: 'redirect', state: 'xyz', code: expect.any(String) });
    const token = await exchange(a.appid, a.secret, String(allowed.code));
    expect(token).toMatchObject({ scope: 'snsapi_userinfo', unionid: expect.any(String), expires_in: 7200 });
    const info = await userinfo(String(token.access_token), String(token.openid));
    expect(info).toEqual({
      openid: token.openid,
      nickname: 'Lin',
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: 'https://img.example.com/a/132',
      privilege: [],
      unionid: token.unionid,
    });
    expect((await userinfo(String(token.access_token), String(token.openid), 'en')).nickname).toBe('Lin');
    expectWxError(await userinfo(String(token.access_token), String(token.openid), 'fr'), 40035);
    expectWxError(await userinfo(String(token.access_token), 'o_someone_else_000000000000'), 40003, 'invalid openid');
    expectWxError(await wxCall(herald, 'GET', `/sns/userinfo?access_token=${token.access_token}`), 41009);

    const again = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_userinfo', 'again'));
    const denied = await consent(a.user.id, String(again.consent), 'deny');
    expect(denied).toMatchObject({ outcome: 'redirect', code: null, state: 'again' });
    const back = new URL(String(denied.location));
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('state')).toBe('again');
    expect((await listGrants(herald.services.db, a.account.id, 10)).map((g) => g.result)).toEqual(['denied', 'allowed']);

    // A consent ticket is this follower's only, and cannot be altered.
    const other = await createFollowerUser(herald.services, { nickname: 'Other' });
    const res = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${other.id}/web/consent`, payload: { consent: again.consent, answer: 'allow' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('consent_expired');
    const forged = `${String(again.consent).split('.')[0]}x.${String(again.consent).split('.')[1]}`;
    expect((await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${a.user.id}/web/consent`, payload: { consent: forged, answer: 'allow' } })).statusCode).toBe(400);
  });

  it('snsapi_userinfo is silent for a follower who came from the account\'s chat or menu', async () => {
    const a = await setup();
    await followAccount(herald.services, a.user.id, a.appid);
    expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_userinfo'), 'menu')).outcome).toBe('redirect');
    expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_userinfo'), 'chat')).outcome).toBe('redirect');
    expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_userinfo'))).outcome).toBe('consent');
  });

  it('code expiry (5 minutes, 40029) and token refresh (7200 s, refresh_token 30 days) follow the clock', async () => {
    const a = await setup();
    const clock = herald.services.clock;
    const stale = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'));
    clock.advance(5 * 60_000 + 1000);
    expectWxError(await exchange(a.appid, a.secret, String(stale.code)), 40029, 'invalid code');
    expectWxError(await exchange(a.appid, a.secret, 'not-a-code'), 40029);

    const fresh = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'));
    clock.advance(4 * 60_000);
    const token = await exchange(a.appid, a.secret, String(fresh.code));
    const access = String(token.access_token);
    const openid = String(token.openid);
    // Before expiry a refresh extends the same access_token.
    clock.advance(3600_000);
    const same = await refresh(a.appid, String(token.refresh_token));
    expect(same).toMatchObject({ access_token: access, expires_in: 7200, refresh_token: token.refresh_token, openid, scope: 'snsapi_base' });
    clock.advance(7200_000 + 1000);
    expectWxError(await snsAuth(access, openid), 42001, 'access_token expired');
    expectWxError(await userinfo(access, openid), 42001);
    // After expiry a refresh issues a new one.
    const renewed = await refresh(a.appid, String(token.refresh_token));
    expect(renewed.access_token).not.toBe(access);
    expect(await snsAuth(String(renewed.access_token), openid)).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await snsAuth(access, openid), 40001);
    // The refresh_token lives 30 days and is not extended by use.
    clock.advance(30 * 24 * 3600_000);
    expectWxError(await refresh(a.appid, String(token.refresh_token)), 42002, 'refresh_token expired');
    expectWxError(await refresh(a.appid, 'unknown'), 40030, 'invalid refresh_token');
  });

  it('the exchange checks the app: secret, appid, grant_type; a code of another account is invalid', async () => {
    const a = await setup();
    const b = await setup();
    const opened = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'));
    expectWxError(await exchange(a.appid, 'wrong', String(opened.code)), 40125);
    expectWxError(await exchange('wx0000000000000000', a.secret, String(opened.code)), 40013);
    expectWxError(await wxCall(herald, 'GET', `/sns/oauth2/access_token?appid=${a.appid}&secret=${a.secret}&code=${opened.code}&grant_type=client_credential`), 40002);
    expectWxError(await exchange(b.appid, b.secret, String(opened.code)), 40029);
    // Still usable by its own account after those attempts.
    expect((await exchange(a.appid, a.secret, String(opened.code))).openid).toEqual(expect.any(String));
    expectWxError(await refresh(b.appid, 'x'.repeat(5000)), 40030);
    expectWxError(await wxCall(herald, 'GET', '/sns/oauth2/refresh_token?grant_type=refresh_token&refresh_token=abc'), 41002);
    expectWxError(await wxCall(herald, 'GET', '/sns/auth?openid=x'), 41001);
    expectWxError(await snsAuth('%3Cscript%3E', 'x'), 40001);
  });

  describe('scope rules per account type (the capability table)', () => {
    for (const [type, verified, allowed] of [
      ['subscription', false, false],
      ['subscription', true, false],
      ['service', false, false],
      ['service', true, true],
    ] as const) {
      it(`${verified ? 'verified' : 'unverified'} ${type}: ${allowed ? 'authorizes' : '10005'}`, async () => {
        const a = await setup({ type, verified });
        for (const scope of ['snsapi_base', 'snsapi_userinfo']) {
          const opened = await open(a.user.id, authorizeUrl(a.appid, scope));
          if (allowed) expect(opened.outcome).not.toBe('error');
          else expect(opened).toMatchObject({ outcome: 'error', errcode: 10005, message: '此公众号并没有这些scope的权限' });
        }
      });
    }
    it('snsapi_login and unknown scopes: 10005', async () => {
      const a = await setup();
      expect(await open(a.user.id, authorizeUrl(a.appid, 'snsapi_login'))).toMatchObject({ errcode: 10005 });
      expect(await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base,snsapi_userinfo'))).toMatchObject({ errcode: 10005 });
    });
  });

  it('the browser page: every error page shows its code and text; consent through the follower cookie', async () => {
    const a = await setup();
    const page = async (url: string, headers: Record<string, string> = {}) => {
      const res = await herald.app.inject({ method: 'GET', url, headers });
      return res;
    };
    const cases: Array<[string, number, string]> = [
      [`/connect/oauth2/authorize?redirect_uri=x&scope=snsapi_base&state=a`, 10012, 'appid 参数为空'],
      [`/connect/oauth2/authorize?appid=${a.appid}&scope=snsapi_base&state=a`, 10011, 'redirect_uri 参数为空'],
      [`/connect/oauth2/authorize?appid=${a.appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=a`, 10010, 'scope 参数为空'],
      [`/connect/oauth2/authorize?appid=${a.appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=snsapi_base`, 10013, 'state 参数为空'],
      [`/connect/oauth2/authorize?appid=${a.appid}&redirect_uri=${encodeURIComponent('https://evil.example/')}&scope=snsapi_base&state=a`, 10003, 'redirect_uri 域名与后台配置不一致'],
      [`/connect/oauth2/authorize?appid=${a.appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=snsapi_login&state=a`, 10005, '此公众号并没有这些scope的权限'],
      [`/connect/oauth2/authorize?appid=wx0123456789abcdef&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=snsapi_base&state=a`, 10016, '不支持微信开放平台的 appid'],
    ];
    for (const [url, code, text] of cases) {
      const res = await page(url, { 'accept-language': 'zh-CN' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-herald-errcode']).toBe(String(code));
      expect(res.body).toContain(`错误码：${code}`);
      expect(res.body).toContain(text);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
    const en = await page(cases[4][0], { 'accept-language': 'en-US' });
    expect(en.body).toContain('Error code: 10003');
    expect(en.body).toContain('<html lang="en">');

    // 10004: a banned account.
    const banned = await setup();
    await herald.services.db.update(accounts).set({ status: 'banned' }).where(eq(accounts.id, banned.account.id));
    expect((await page(authorizeUrl(banned.appid, 'snsapi_base').split('#')[0])).headers['x-herald-errcode']).toBe('10004');

    // No follower on this browser: where to choose one.
    const anon = await page(authorizeUrl(a.appid, 'snsapi_base').split('#')[0], { 'accept-language': 'en' });
    expect(anon.statusCode).toBe(200);
    expect(anon.body).toContain('Open the Herald phone');

    // The phone's follower cookie: snsapi_base redirects, snsapi_userinfo shows the consent form.
    const token = await issuePhoneToken(herald.services, a.user.id);
    const cookie = `herald_follower=${token}`;
    const base = await page(authorizeUrl(a.appid, 'snsapi_base').split('#')[0], { cookie });
    expect(base.statusCode).toBe(302);
    expect(String(base.headers.location)).toMatch(/^https:\/\/h5\.example\.com\/oauth\/back\?from=menu&code=[\w-]{32}&state=STATE1$/);
    const sheet = await page(authorizeUrl(a.appid, 'snsapi_userinfo').split('#')[0], { cookie });
    expect(sheet.body).toContain('获得你的公开信息（昵称、头像等）');
    expect(sheet.body).toContain('<html lang="zh-CN">');
    const ticket = /name="consent" value="([^"]+)"/.exec(sheet.body)?.[1];
    expect(ticket).toBeDefined();
    const post = (body: string, headers: Record<string, string> = { cookie }) =>
      herald.app.inject({ method: 'POST', url: '/connect/oauth2/authorize/consent', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    // Without the cookie (a cross-site form: SameSite=Lax keeps it off) nothing happens.
    expect((await post(`consent=${encodeURIComponent(ticket!)}&answer=allow`, {})).headers.location).toBeUndefined();
    expect((await post(`consent=${encodeURIComponent(ticket!)}&answer=maybe`)).headers.location).toBeUndefined();
    const allowed = await post(`consent=${encodeURIComponent(ticket!)}&answer=allow`);
    expect(allowed.statusCode).toBe(302);
    expect(String(allowed.headers.location)).toMatch(/code=[\w-]{32}&state=STATE1$/);
    // The phone sets the cookies for its in-app browser: the authorize page's and the proxy's.
    const session = await herald.app.inject({ method: 'POST', url: '/phone/api/web/session', payload: {}, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    expect(session.statusCode).toBe(200);
    const cookies = ([] as string[]).concat(session.headers['set-cookie'] as string | string[]);
    expect(cookies).toHaveLength(3);
    expect(cookies[0]).toMatch(/^herald_follower=.+; Path=\/connect\/oauth2; HttpOnly; SameSite=Lax$/);
    expect(cookies[1]).toMatch(/^herald_from=other; Path=\/connect\/oauth2\/authorize; HttpOnly; SameSite=Lax$/);
    expect(cookies[2]).toMatch(/^herald_browse=.+; Path=\/h5\/; HttpOnly; SameSite=Lax$/);
  });

  it('hostile input: javascript: and data: URIs, open redirects, huge state, malformed params never redirect elsewhere', async () => {
    const a = await setup();
    const hostile = [
      'javascript:alert(1)//h5.example.com',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      '//evil.example/',
      `https://${DOMAIN}@evil.example/`,
      `https://user:pw@${DOMAIN}/`,
      `https://${DOMAIN}.evil.example/`,
      `https://evil.example/?r=https://${DOMAIN}/`,
      `https://evil.example/#${DOMAIN}`,
      `https://sub.${DOMAIN}/`,
      `https://example.com/`,
      `https://${DOMAIN}:8443/`,
      `ftp://${DOMAIN}/`,
      `https://${DOMAIN}\\@evil.example/`,
      `https://${DOMAIN}/${'a'.repeat(5000)}`,
      'not a url',
    ];
    for (const redirect of hostile) {
      const opened = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base', 'S', redirect));
      // The backslash form is normalised by WHATWG URL to the right host's path, which is fine.
      if (opened.outcome === 'redirect') {
        expect(new URL(String(opened.location)).host, redirect).toBe(DOMAIN);
        continue;
      }
      expect(opened, redirect).toMatchObject({ outcome: 'error', errcode: 10003 });
    }
    // The emulator allows ports unless the account asks for WeChat's strict rules.
    const local = await setup({ domains: ['localhost:3000'] });
    expect((await open(local.user.id, authorizeUrl(local.appid, 'snsapi_base', 'S', 'http://localhost:3000/cb'))).outcome).toBe('redirect');
    expect((await open(local.user.id, authorizeUrl(local.appid, 'snsapi_base', 'S', 'http://localhost:3001/cb'))).errcode).toBe(10003);
    await setStrictDomains(herald.services.db, local.account.id, true);
    expect((await open(local.user.id, authorizeUrl(local.appid, 'snsapi_base', 'S', 'http://localhost:3000/cb'))).errcode).toBe(10003);

    for (const state of ['a'.repeat(129), encodeURIComponent('<script>'), encodeURIComponent('a b'), 'x'.repeat(5000)]) {
      expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base', state))).errcode).toBe(10013);
    }
    expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base', 'a'.repeat(128)))).outcome).toBe('redirect');

    const raw = [
      `/connect/oauth2/authorize?appid=${a.appid}&appid=${a.appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=snsapi_base&state=a`,
      `/connect/oauth2/authorize?appid[]=${a.appid}&redirect_uri=x`,
      `/connect/oauth2/authorize?appid=%00&redirect_uri=%ZZ&scope=%E0%A4%A`,
      `/connect/oauth2/authorize?appid=${'w'.repeat(50_000)}`,
      `/connect/oauth2/authorize?appid=${a.appid}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=snsapi_base&state=${'s'.repeat(100_000)}`,
    ];
    for (const url of raw) {
      const res = await herald.app.inject({ method: 'GET', url });
      expect(res.statusCode, url.slice(0, 100)).toBeLessThan(500);
      expect(res.headers.location).toBeUndefined();
    }
    // A huge or garbage consent form body is refused cleanly.
    for (const payload of ['x'.repeat(20_000), 'consent=%ZZ&answer=allow', '\u0000', '']) {
      const res = await herald.app.inject({ method: 'POST', url: '/connect/oauth2/authorize/consent', payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers.location).toBeUndefined();
    }
    // Simulator: malformed bodies.
    for (const payload of [{ url: 'javascript:alert(1)' }, { url: 'https://evil.example/connect' }, { url: 'x'.repeat(9000) }, { url: 42 }, { from: 'menu' }]) {
      const res = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${a.user.id}/web/open`, payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
    }
    expect((await herald.app.inject({ method: 'POST', url: '/sim/v1/users/not-a-user/web/open', payload: { url: authorizeUrl(a.appid, 'snsapi_base') } })).statusCode).toBe(404);
  });

  it('10009: too many authorizations by one follower in a minute', async () => {
    const a = await setup();
    let last: WxBody = {};
    for (let i = 0; i < 61; i++) last = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'));
    expect(last).toMatchObject({ outcome: 'error', errcode: 10009 });
    herald.services.clock.advance(60_000);
    expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'))).outcome).toBe('redirect');
  });

  it('10009 counts a sliding minute: a burst across a clock minute is refused too', async () => {
    const a = await setup();
    // One second before a minute starts on the Herald clock.
    herald.services.clock.advance((59_000 - (herald.services.clock.nowMs() % 60_000) + 60_000) % 60_000);
    for (let i = 0; i < 30; i++) expect((await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'))).outcome).toBe('redirect');
    herald.services.clock.advance(2_000);
    let last: WxBody = {};
    for (let i = 0; i < 31; i++) last = await open(a.user.id, authorizeUrl(a.appid, 'snsapi_base'));
    expect(last).toMatchObject({ outcome: 'error', errcode: 10009 });
  });
});

describeEachDb('simulator: web domains', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('sets domains (check skipped unless asked) and the strict switch; refuses bad input', async () => {
    const { appid } = await makeAccount(herald.services, { type: 'service', verified: true });
    const put = (path: string, payload: unknown) => herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${appid}${path}`, payload: payload as object });
    const ok = await put('/web-domains/oauth', { domains: ['localhost:3000'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().kinds[0]).toEqual({ kind: 'oauth', limit: 2, domains: [{ domain: 'localhost:3000', verified_at: null }] });
    expect((await put('/web-settings', { strict: true })).json()).toMatchObject({ strict: true, strict_switch: true });
    expect((await put('/web-domains/jsapi', { domains: ['localhost:3000'] })).json().error.code).toBe('invalid_domain');
    // Asked to verify, an unreachable domain is refused.
    expect((await put('/web-domains/jsapi', { domains: ['unreachable.invalid'], verify: true })).json().error.code).toBe('domain_unverified');
    expect((await put('/web-domains/other', { domains: [] })).statusCode).toBe(404);
    expect((await put('/web-domains/oauth', { domains: 'x' })).statusCode).toBe(400);
    expect((await herald.app.inject({ method: 'GET', url: '/sim/v1/accounts/wx0000000000000000/web-domains' })).statusCode).toBe(404);
  });
});
