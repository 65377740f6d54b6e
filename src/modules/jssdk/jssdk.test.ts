/**
 * The in-app browser's server side, in-process and over a loopback port: wx.config judged as
 * WeChat judges it for configs signed by unmodified SDKs (co-wechat-api `getJsConfig`,
 * node-easywechat `buildJsSdkConfig`) against Herald's tickets; calls recorded and listed in the
 * console; hostile bodies refused.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OfficialAccount } from 'node-easywechat';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { jsapiSignature } from '../webauth/index.js';

interface JsConfig {
  appId: string;
  timestamp: string | number;
  nonceStr: string;
  signature: string;
  jsApiList: string[];
}
type CoApiClass = new (appid: string, secret: string) => { prefix: string; getJsConfig(p: { jsApiList: string[]; url: string }): Promise<JsConfig>; getTicket(): Promise<{ ticket: string }> };
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoApiClass;

const PAGE = 'http://127.0.0.1:3000/shop?id=1';

describeEachDb('wx.config and JS-SDK calls from the phone', (kind) => {
  let herald: TestHerald;
  let cacheDir: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    cacheDir = mkdtempSync(path.join(tmpdir(), 'herald-easywechat-'));
  }, 180_000);
  afterAll(async () => {
    await herald?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  async function jsDomains(appid: string, domains: string[]) {
    const res = await herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${appid}/web-domains/jsapi`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ domains }) });
    expect(res.statusCode, res.body).toBe(200);
  }

  it('co-wechat-api getJsConfig signs a config Herald accepts; a wrong signature, a #fragment signed in, another domain fail with WeChat\'s texts', async () => {
    const { appid, secret, orgId } = await makeAccount(herald.services, { type: 'service', verified: true });
    await jsDomains(appid, ['127.0.0.1:3000']);
    const api = new CoWechatAPI(appid, secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    const config = await api.getJsConfig({ jsApiList: ['scanQRCode', 'updateAppMessageShareData'], url: PAGE });
    const { client, user } = await phoneUser(herald.app, '小林');

    const ok = await client.post('/jssdk/config', { config, url: `${PAGE}#top` });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toEqual({ ok: true, err_msg: 'config:ok', js_api_list: ['scanQRCode', 'updateAppMessageShareData'], open_tag_list: [], can_share: true });

    // The simulator judges the same config the same way.
    const sim = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${user.id}/jssdk/config`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ config, url: PAGE }) });
    expect(sim.json()).toMatchObject({ ok: true, err_msg: 'config:ok' });
    const nobody = await herald.app.inject({ method: 'POST', url: '/sim/v1/users/00000000-0000-0000-0000-000000000000/jssdk/config', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ config, url: PAGE }) });
    expect(nobody.statusCode).toBe(404);

    const wrong = await client.post('/jssdk/config', { config: { ...config, signature: '0'.repeat(40) }, url: PAGE });
    expect(wrong.json).toMatchObject({ ok: false, err_msg: 'config:fail,invalid signature' });
    // co-wechat-api signs what it is given: a URL with its #fragment reproduces WeChat's failure.
    const hashed = await api.getJsConfig({ jsApiList: [], url: `${PAGE}#top` });
    const ticket = (await api.getTicket()).ticket;
    expect(hashed.signature).not.toBe(jsapiSignature({ ticket, noncestr: hashed.nonceStr, timestamp: hashed.timestamp, url: PAGE }));
    expect((await client.post('/jssdk/config', { config: hashed, url: `${PAGE}#top` })).json.err_msg).toBe('config:fail,invalid signature');
    const elsewhere = await api.getJsConfig({ jsApiList: [], url: 'http://127.0.0.1:4000/x' });
    expect((await client.post('/jssdk/config', { config: elsewhere, url: 'http://127.0.0.1:4000/x' })).json.err_msg).toBe('config:fail,invalid url domain');
    // A page that signed the address the phone showed it at (location.href) verifies too.
    const shownAt = `${herald.url}/h5/http/127.0.0.1:3000/shop?id=1`;
    const shown = await api.getJsConfig({ jsApiList: [], url: shownAt });
    expect((await client.post('/jssdk/config', { config: shown, url: PAGE, shown_at: shownAt })).json.err_msg).toBe('config:ok');

    // Strict WeChat rules: a port is never on a JS safe domain.
    await herald.app.inject({ method: 'PUT', url: `/sim/v1/accounts/${appid}/web-settings`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ strict: true }) });
    expect((await client.post('/jssdk/config', { config, url: PAGE })).json.err_msg).toBe('config:fail,invalid url domain');

    // Calls are recorded; the console lists them with the follower, newest first.
    const call = await client.post('/jssdk/calls', { appid, api: 'scanQRCode', err_msg: 'scanQRCode:ok', url: `${PAGE}&code=secret` });
    expect(call.json).toEqual({ recorded: true });
    expect((await client.post('/jssdk/calls', { appid: 'wx0000000000000000', api: 'scanQRCode', err_msg: 'scanQRCode:ok', url: PAGE })).json).toEqual({ recorded: false });
    const { client: op } = await signedInOperator(herald.app, herald.services, { orgId });
    const listed = await op.get(`/console/api/accounts/${appid}/jssdk-calls`);
    expect(listed.status, listed.body).toBe(200);
    const calls = listed.json.calls as Array<Record<string, unknown>>;
    expect(calls[0]).toMatchObject({ nickname: user.nickname, api: 'scanQRCode', result: 'ok', err_msg: 'scanQRCode:ok', page: 'http://127.0.0.1:3000/shop' });
    expect(calls.map((c) => c.err_msg)).toEqual([
      'scanQRCode:ok',
      'config:fail,invalid url domain',
      'config:ok',
      'config:fail,invalid url domain',
      'config:fail,invalid signature',
      'config:fail,invalid signature',
      'config:ok',
      'config:ok',
    ]);
    // Another organization's operator sees nothing of it.
    const { client: stranger } = await signedInOperator(herald.app, herald.services);
    expect((await stranger.get(`/console/api/accounts/${appid}/jssdk-calls`)).status).toBe(404);
  });

  it('node-easywechat buildJsSdkConfig signs a config Herald accepts; an unverified account may not share', async () => {
    const { appid, secret } = await makeAccount(herald.services, { type: 'subscription', verified: false });
    await jsDomains(appid, ['127.0.0.1:3000']);
    const app = new OfficialAccount({ app_id: appid, secret, token: 'herald', http: { baseURL: `${herald.url}/` }, file_cache: { path: cacheDir, dirMode: 0o700, fileMode: 0o600, ext: '.cache' } });
    const config = (await app.getUtils().buildJsSdkConfig(PAGE, ['updateAppMessageShareData'])) as JsConfig;
    expect(config.appId).toBe(appid);
    const { client } = await phoneUser(herald.app);
    const res = await client.post('/jssdk/config', { config, url: PAGE });
    expect(res.json).toEqual({ ok: true, err_msg: 'config:ok', js_api_list: ['updateAppMessageShareData'], open_tag_list: [], can_share: false });
  });

  it('shares: Moments lists the follower\'s own, the console counts per page; hostile links refused', async () => {
    const { appid, orgId } = await makeAccount(herald.services, { type: 'service', verified: true });
    const { client } = await phoneUser(herald.app, '阿花');
    const { client: other } = await phoneUser(herald.app);
    const share = (c: typeof client, body: Record<string, unknown>) => c.post('/jssdk/shares', { appid, scene: 'timeline', title: '好物', description: '优惠', link: PAGE, img_url: 'http://127.0.0.1:3000/a.png', ...body });
    const first = await share(client, {});
    expect(first.status, first.body).toBe(201);
    expect(first.json.share).toMatchObject({ title: '好物', description: '优惠', link: PAGE, img_url: 'http://127.0.0.1:3000/a.png' });
    expect((await share(client, { scene: 'appMessage', title: '给朋友' })).status).toBe(201);
    expect((await share(client, { title: '第二条' })).status).toBe(201);
    expect((await share(other, { title: '别人的' })).status).toBe(201);
    const moments = await client.get('/moments');
    expect(moments.json.moments.map((m: { title: string }) => m.title)).toEqual(['第二条', '好物']);
    expect((await client.get('/moments?limit=1')).json.moments).toHaveLength(1);

    for (const body of [{ link: 'javascript:alert(1)' }, { link: 'data:text/html,x' }, { img_url: 'javascript:alert(1)' }, { scene: 'qq' }, { title: 'x'.repeat(201) }, { title: 'a\u0000b' }, { link: 'x'.repeat(5000) }]) {
      const res = await share(client, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await client.get('/moments?limit=0')).status).toBe(400);
    expect((await client.get('/moments?before=-1')).status).toBe(400);

    const { client: op } = await signedInOperator(herald.app, herald.services, { orgId });
    const listed = await op.get(`/console/api/accounts/${appid}/jssdk-calls`);
    expect(listed.json.shares).toEqual([
      { link: PAGE, scene: 'timeline', shares: 3 },
      { link: PAGE, scene: 'appMessage', shares: 1 },
    ]);
    expect((listed.json.calls as Array<{ api: string }>).map((c) => c.api)).toEqual(['shareTimeline', 'shareTimeline', 'shareAppMessage', 'shareTimeline']);
  });

  it('hostile and malformed bodies: 400 with the field, never a 500; no token 401', async () => {
    const { client } = await phoneUser(herald.app);
    const good = { appId: 'wx0123456789abcdef', timestamp: 1, nonceStr: 'n', signature: 's', jsApiList: [] };
    const bad = [
      {},
      { config: good },
      { config: good, url: 'x'.repeat(5000) },
      { config: { ...good, appId: 'x'.repeat(1000) }, url: PAGE },
      { config: { ...good, jsApiList: 'scanQRCode' }, url: PAGE },
      { config: { ...good, jsApiList: Array(101).fill('a') }, url: PAGE },
      { config: { ...good, timestamp: { $gt: 1 } }, url: PAGE },
      { config: { ...good, signature: null }, url: PAGE },
    ];
    for (const body of bad) {
      const res = await client.post('/jssdk/config', body);
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(res.json.error.code).toBeTypeOf('string');
    }
    // Odd but well-formed values are judged, not crashed on.
    for (const url of ['javascript:alert(1)', 'http://user:pw@127.0.0.1:3000/', '/relative', 'http://[::1]:3000/']) {
      const res = await client.post('/jssdk/config', { config: good, url });
      expect(res.status).toBe(200);
      expect(res.json.ok).toBe(false);
    }
    for (const body of [{ appid: 'wx0123456789abcdef', api: '<script>', err_msg: 'x', url: PAGE }, { appid: 'x', api: 'a'.repeat(65), err_msg: 'x', url: PAGE }, { appid: 'x', api: 'scan', err_msg: 'x'.repeat(201), url: PAGE }]) {
      expect((await client.post('/jssdk/calls', body)).status).toBe(400);
    }
    expect((await client.post('/jssdk/config', '{"config":', { 'content-type': 'application/json' })).status).toBe(400);
    const anon = await herald.app.inject({ method: 'POST', url: '/phone/api/jssdk/config', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ config: good, url: PAGE }) });
    expect(anon.statusCode).toBe(401);
  });
});
