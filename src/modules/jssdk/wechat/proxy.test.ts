/**
 * The in-app browser's proxy against a developer's site on a loopback port: the page with the
 * bridge first and WeChat's jweixin address mapped, WeChat's user agent, redirects kept in the
 * browser (the authorize URL to Herald's authorize page and back through the proxy), cookies
 * scoped, bytes intact; hostile addresses and redirects refused; platform mode refuses loopback
 * through the outbound policy and serves only a signed-in follower.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { phoneUser, TINY_PNG } from '../../../../test/phoneFixtures.js';
import { createFollowerUser } from '../../followers/index.js';
import { issuePhoneToken } from '../../../surfaces/phone/token.js';

interface Seen {
  url: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A developer's site: pages, redirects, cookies, a picture, a form echo. */
async function startSite(appid: () => string) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0];
      const redirect = (location: string) => res.writeHead(302, { location }).end();
      switch (path) {
        case '/page':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'DENY' });
          return res.end('<!doctype html><html><head><title>商城</title><script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script></head><body>ok</body></html>');
        case '/login':
          return redirect(`https://open.weixin.qq.com/connect/oauth2/authorize?appid=${appid()}&redirect_uri=${encodeURIComponent(`http://127.0.0.1:${port()}/cb`)}&response_type=code&scope=snsapi_base&state=s1#wechat_redirect`);
        case '/cb':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end('<!doctype html><html><head><title>回来了</title></head><body>back</body></html>');
        case '/relative':
          return redirect('/page?from=relative');
        case '/evil':
          return redirect('javascript:alert(document.cookie)');
        case '/away':
          return redirect('http://user:pw@example.com/');
        case '/cookie':
          res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['sid=abc; Path=/; HttpOnly; Domain=example.com', 'herald_session=stolen; Path=/'] });
          return res.end(String(req.headers.cookie ?? ''));
        case '/pic':
          res.writeHead(200, { 'content-type': 'image/png' });
          return res.end(TINY_PNG);
        case '/form':
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end(`${req.headers['content-type']}|${body}`);
        default:
          res.writeHead(404, { 'content-type': 'text/plain' });
          return res.end('nope');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  return { seen, port: port(), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeEachDb('the in-app browser proxy', (kind) => {
  let herald: TestHerald;
  let site: Awaited<ReturnType<typeof startSite>>;
  let appid = '';
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    site = await startSite(() => appid);
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    await herald?.close();
  });
  const base = () => `/h5/http/127.0.0.1:${site.port}`;
  const get = (url: string, headers: Record<string, string> = {}) => herald.app.inject({ method: 'GET', url, headers });

  it('passes the page on with the bridge first and Herald\'s jweixin; the developer\'s server sees WeChat\'s user agent', async () => {
    const res = await get(`${base()}/page?x=1`, { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe('<!doctype html><html><head><script src="/open/js/herald-h5-bridge.js"></script><title>商城</title><script src="/open/js/jweixin-1.6.0.js"></script></head><body>ok</body></html>');
    // The developer's framing refusals are not passed on (the phone frames the page); Herald's own are.
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toBeUndefined();
    const seen = site.seen.at(-1)!;
    expect(seen.url).toBe('/page?x=1');
    expect(seen.headers['user-agent']).toMatch(/MicroMessenger\/8\.0\.\d+.* NetType\/WIFI Language\/zh_CN$/);
    expect(seen.headers.host).toBe(`127.0.0.1:${site.port}`);

    const script = await get('/open/js/jweixin-1.6.0.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toContain('global.wx = global.jWeixin = wx');
    expect((await get('/open/js/jweixin-1.6.2.js')).body).toBe(script.body);
    expect((await get('/open/js/herald-h5-bridge.js')).body).toContain('__heraldBridge');
  });

  it('redirects stay in the browser: WeChat\'s authorize URL to Herald\'s (h5=1), which comes back through the proxy with the code', async () => {
    const account = await makeAccount(herald.services, { type: 'service', verified: true });
    appid = account.appid;
    await herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${appid}/web-domains/oauth`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ domains: [`127.0.0.1:${site.port}`] }) });
    const login = await get(`${base()}/login`);
    expect(login.statusCode).toBe(302);
    const location = String(login.headers.location);
    expect(location.startsWith('/connect/oauth2/authorize?')).toBe(true);
    expect(new URLSearchParams(location.split('?')[1]).get('h5')).toBe('1');

    const { token } = await phoneUser(herald.app, '阿青');
    const authorized = await get(location, { cookie: `herald_follower=${token}` });
    expect(authorized.statusCode).toBe(302);
    expect(String(authorized.headers.location)).toMatch(new RegExp(`^/h5/http/127\\.0\\.0\\.1:${site.port}/cb\\?code=[\\w-]{32}&state=s1$`));
    // Without the mark, the same page goes straight to redirect_uri (a normal browser).
    const plain = await get(location.replace('&h5=1', ''), { cookie: `herald_follower=${token}` });
    expect(String(plain.headers.location)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${site.port}/cb\\?code=`));

    // snsapi_userinfo: the consent sheet keeps the mark on its form.
    const consent = await get(location.replace('snsapi_base', 'snsapi_userinfo'), { cookie: `herald_follower=${token}` });
    expect(consent.statusCode).toBe(200);
    expect(consent.body).toContain('action="/connect/oauth2/authorize/consent?h5=1"');

    const relative = await get(`${base()}/relative`);
    expect(relative.headers.location).toBe(`${base()}/page?from=relative`);
  });

  it('a snapshot page (快照页): the page the authorization led to carries the "使用完整服务" address to the phone, once; forged addresses never reach the page', async () => {
    const account = await makeAccount(herald.services, { type: 'service', verified: true });
    appid = account.appid;
    await herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${appid}/web-domains/oauth`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ domains: [`127.0.0.1:${site.port}`] }) });
    const location = String((await get(`${base()}/login`)).headers.location).replace('snsapi_base', 'snsapi_userinfo');
    const { token } = await phoneUser(herald.app, '路人');
    const authorized = await get(location, { cookie: `herald_follower=${token}; herald_from=moments` });
    expect(authorized.statusCode).toBe(302);
    const back = String(authorized.headers.location);
    expect(back).toMatch(new RegExp(`^/h5/http/127\\.0\\.0\\.1:${site.port}/cb\\?code=[\\w-]{32}&state=s1$`));
    const snapshot = ([] as string[]).concat(authorized.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('herald_snapshot='))!.split(';')[0];

    const page = await get(back, { cookie: snapshot });
    expect(page.statusCode).toBe(200);
    const full = /<script src="\/open\/js\/herald-h5-bridge\.js" data-herald-full-service="([^"]+)"><\/script>/.exec(page.body)?.[1];
    expect(full?.replaceAll('&#38;', '&')).toBe(`${location.split('?')[0]}?appid=${appid}&redirect_uri=${encodeURIComponent(`http://127.0.0.1:${site.port}/cb`)}&response_type=code&scope=snsapi_userinfo&state=s1&full_service=1&h5=1`);
    // Used once: the proxy clears it, and the developer's server never saw it.
    const cleared = String(page.headers['set-cookie']);
    expect(cleared).toMatch(/^herald_snapshot=;/);
    expect(cleared.split('; ')).toContain('Path=/h5/');
    expect(site.seen.at(-1)?.headers.cookie ?? '').not.toContain('herald_snapshot');
    expect((await get(back)).body).not.toContain('data-herald-full-service');

    // Forged values: not Herald's authorize page, or characters that would break out of the attribute.
    for (const forged of ['javascript:alert(1)', '/connect/oauth2/authorize?a="><script>alert(1)</script>', 'https://evil.example/connect/oauth2/authorize?a=1', `/connect/oauth2/authorize?${'a'.repeat(5000)}`]) {
      const res = await get(`${base()}/page`, { cookie: `herald_snapshot=${encodeURIComponent(forged)}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('data-herald-full-service');
      expect(res.body).not.toContain('alert(1)');
    }
  });

  it('refuses hostile redirects and addresses: javascript:, credentials, malformed and oversized paths, unreachable servers', async () => {
    for (const path of ['/evil', '/away']) {
      const res = await get(`${base()}${path}`);
      expect(res.statusCode, path).toBe(502);
      expect(res.headers.location).toBeUndefined();
      expect(res.body).toContain('data-problem="bad_redirect"');
    }
    for (const url of ['/h5/javascript:alert(1)', '/h5/javascript/alert(1)', `/h5/http/user:pw@127.0.0.1:${site.port}/page`, '/h5/http/', '/h5/file/etc/passwd', '/h5/http/%00/x']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('data-problem="bad_url"');
    }
    const huge = await get(`${base()}/${'a'.repeat(10_000)}`);
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
    const hugeQuery = await get(`${base()}/page?q=${'a'.repeat(10_000)}`);
    expect(hugeQuery.statusCode).toBe(400);
    const closed = await get('/h5/http/127.0.0.1:1/page');
    expect(closed.statusCode).toBe(502);
    expect(closed.body).toContain('data-problem="unreachable"');
  });

  it('cookies: the page\'s are scoped to its proxy path, Herald\'s never cross; bytes and forms pass intact', async () => {
    const res = await get(`${base()}/cookie`, { cookie: 'herald_session=operator; sid=abc; herald_browse=t' });
    expect(res.body).toBe('sid=abc');
    const set = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
    expect(set).toEqual([`sid=abc; Path=${base()}; HttpOnly`]);

    const pic = await get(`${base()}/pic`);
    expect(pic.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(pic.rawPayload, TINY_PNG)).toBe(0);

    const form = await herald.app.inject({ method: 'POST', url: `${base()}/form`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1&b=%E4%BD%A0' });
    expect(form.body).toBe('application/x-www-form-urlencoded|a=1&b=%E4%BD%A0');
  });
});

describe('the in-app browser proxy in platform mode', () => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald('pglite', { env: { HERALD_MODE: 'platform', HERALD_ROLE: 'web' } });
  }, 180_000);
  afterAll(async () => {
    await herald?.close();
  });

  it('serves only a signed-in follower, and the outbound policy refuses loopback and private addresses', async () => {
    const anon = await herald.app.inject({ method: 'GET', url: '/h5/http/127.0.0.1:3000/page' });
    expect(anon.statusCode).toBe(401);
    const user = await createFollowerUser(herald.services, { nickname: 'p' });
    const cookie = `herald_browse=${await issuePhoneToken(herald.services, user.id)}`;
    for (const target of ['127.0.0.1:3000/page', '10.0.0.1/x', '169.254.169.254/latest/meta-data', '[::1]/', 'localhost/']) {
      const res = await herald.app.inject({ method: 'GET', url: `/h5/http/${target}`, headers: { cookie } });
      expect(res.statusCode, target).toBe(403);
      expect(res.body).toContain('data-problem="not_allowed"');
    }
    const forged = await herald.app.inject({ method: 'GET', url: '/h5/http/127.0.0.1:3000/page', headers: { cookie: 'herald_browse=forged.token' } });
    expect(forged.statusCode).toBe(401);
  });
});
