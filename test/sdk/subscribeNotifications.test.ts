
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OfficialAccount } from 'node-easywechat';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { newAesKey } from '../devServer.js';
import { webotServer } from '../webot.js';
import { waitForValue as until } from '../wait.js';
import { fetchToken, wxCall } from '../wxClient.js';
import { findAccountByAppid } from '../../src/modules/accounts/store/accounts.js';

type Json = Record<string, unknown>;
interface CoApi {
  prefix: string;
  sendSubscribe(openid: string, templateId: string, url: string, miniprogram: Json | undefined, scene: string, title: string, data: Json): Promise<Json>;
  getAutoreply(): Promise<Json>;
}
const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoApi;

describeEachDb('subscribe notifications through unmodified SDKs', (kind) => {
  let herald: TestHerald;
  let cacheDir: string;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    cacheDir = mkdtempSync(path.join(tmpdir(), 'herald-subscribe-'));
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await herald?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  const sim = async (method: 'POST' | 'PUT' | 'GET', url: string, body?: object) => {
    const r = await herald.app.inject({ method, url, ...(body ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Json;
  };

  it('node-easywechat: library → addtemplate → consent → bizsend; the popup and sent events at a `wechat` server', async () => {
    const created = (await sim('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Subscribe SDK' })) as { appid: string; secret: string };
    const account = (await findAccountByAppid(herald.services.db, created.appid))!;
    const user = (await sim('POST', '/sim/v1/users', { nickname: 'Reader' })) as { id: string };
    const { openid } = (await sim('POST', `/sim/v1/users/${user.id}/follow`, { account: created.appid })) as { openid: string };
    const token = 'subtoken';
    const aesKey = newAesKey();
    const server = await webotServer({ token, appid: created.appid, encodingAESKey: aesKey });
    closers.push(server.close);
    await sim('PUT', `/sim/v1/accounts/${created.appid}/server`, { url: server.url, token, encoding_aes_key: aesKey, mode: 'safe' });

    const app = new OfficialAccount({
      app_id: created.appid,
      secret: created.secret,
      token: 'herald',
      http: { baseURL: `${herald.url}/` },
      file_cache: { path: cacheDir, dirMode: 0o700, fileMode: 0o600, ext: '.cache' },
    });
    const client = app.getClient();
    const categories = (await client.get('wxaapi/newtmpl/getcategory')).toObject() as Json;
    expect(categories.data).toContainEqual({ id: 367, name: '物流服务 > 收件/派件' });
    const titles = (await client.get('wxaapi/newtmpl/getpubtemplatetitles', { params: { ids: '367', start: 0, limit: 10 } })).toObject() as { data: Json[] };
    expect(titles.data.map((t) => t.title)).toContain('快递签收通知');
    const keywords = (await client.get('wxaapi/newtmpl/getpubtemplatekeywords', { params: { tid: 3541 } })).toObject() as { data: Json[] };
    expect(keywords.data.map((k) => k.rule)).toEqual(['character_string', 'phrase', 'time', 'thing', 'thing']);
    const added = (await client.postJson('wxaapi/newtmpl/addtemplate', { tid: '3541', kidList: [1, 2, 3], sceneDesc: '快递签收' })).toObject() as Json;
    expect(added).toMatchObject({ errcode: 0, errmsg: 'ok', priTmplId: expect.any(String) });
    const priTmplId = String(added.priTmplId);
    expect(((await client.get('wxaapi/newtmpl/gettemplate')).toObject() as { data: Json[] }).data).toEqual([expect.objectContaining({ priTmplId, title: '快递签收通知', type: 2 })]);

    const data = { character_string1: { value: 'SF1234567890123' }, phrase2: { value: '已签收' }, time3: { value: '2023-05-18 14:32' } };
    expect((await client.postJson('cgi-bin/message/subscribe/bizsend', { touser: openid, template_id: priTmplId, data })).toObject()).toMatchObject({ errcode: 43101 });
    await sim('POST', `/sim/v1/users/${user.id}/subscriptions`, { account: created.appid, scene: 2, answers: [{ template_id: priTmplId, status: 'accept' }] });
    const sent = (await client.postJson('cgi-bin/message/subscribe/bizsend', { touser: openid, template_id: priTmplId, page: 'https://shop.example.com/t/1', data })).toObject() as Json;
    expect(sent).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });

    const popup = await until('subscribe_msg_popup_event', () => server.received.find((m) => m.Event === 'subscribe_msg_popup_event'));
    expect(popup).toMatchObject({ ToUserName: account.originalId, FromUserName: openid, MsgType: 'event' });
    expect(JSON.stringify(popup.SubscribeMsgPopupEvent)).toContain(priTmplId);
    expect(JSON.stringify(popup.SubscribeMsgPopupEvent)).toContain('accept');
    const sentEvent = await until('subscribe_msg_sent_event', () => server.received.find((m) => m.Event === 'subscribe_msg_sent_event'));
    expect(JSON.stringify(sentEvent.SubscribeMsgSentEvent)).toContain('success');

    expect(((await client.postJson('wxaapi/newtmpl/deltemplate', { priTmplId })).toObject() as Json)).toEqual({ errcode: 0, errmsg: 'ok' });
    await expectSdkCovered(herald, account.id, 'node-easywechat', [
      '/wxaapi/newtmpl/getcategory',
      '/wxaapi/newtmpl/getpubtemplatetitles',
      '/wxaapi/newtmpl/getpubtemplatekeywords',
      '/wxaapi/newtmpl/addtemplate',
      '/wxaapi/newtmpl/gettemplate',
      '/cgi-bin/message/subscribe/bizsend',
      '/wxaapi/newtmpl/deltemplate',
    ]);
  });

  it('co-wechat-api: sendSubscribe after the one-time subscribe page, and getAutoreply', async () => {
    const created = (await sim('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Legacy SDK' })) as { appid: string; secret: string };
    const account = (await findAccountByAppid(herald.services.db, created.appid))!;
    const user = (await sim('POST', '/sim/v1/users', { nickname: 'Reader' })) as { id: string };
    const { openid } = (await sim('POST', `/sim/v1/users/${user.id}/follow`, { account: created.appid })) as { openid: string };
    const api = new CoWechatAPI(created.appid, created.secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    const data = { content: { value: '您预约的服务将于明天上午九点开始', color: '#173177' } };
    await expect(api.sendSubscribe(openid, 'legacy_tpl', 'https://example.com/', undefined, '1000', '预约提醒', data)).rejects.toMatchObject({ code: 43101 });
    const answer = await sim('POST', `/sim/v1/users/${user.id}/subscribemsg`, { account: created.appid, template_id: 'legacy_tpl', scene: 1000, action: 'confirm', redirect_url: 'https://example.com/cb' });
    expect(answer.location).toBe(`https://example.com/cb?openid=${openid}&template_id=legacy_tpl&action=confirm&scene=1000&reserved=`);
    expect(await api.sendSubscribe(openid, 'legacy_tpl', 'https://example.com/', undefined, '1000', '预约提醒', data)).toEqual({ errcode: 0, errmsg: 'ok' });
    await expect(api.sendSubscribe(openid, 'legacy_tpl', 'https://example.com/', undefined, '1000', '预约提醒', data)).rejects.toMatchObject({ code: 43101 });
    const notes = await sim('GET', `/sim/v1/users/${user.id}/notifications?account=${created.appid}`);
    expect(notes.notifications).toMatchObject([{ kind: 'legacy', title: '预约提醒', place: 'chat', fields: [{ value: '您预约的服务将于明天上午九点开始' }] }]);

    // Nothing set: every switch off, no keyword rules.
    expect(await api.getAutoreply()).toEqual({ is_add_friend_reply_open: 0, is_autoreply_open: 0, keyword_autoreply_info: { list: [] } });
    await expectSdkCovered(herald, account.id, 'co-wechat-api', ['/cgi-bin/message/template/subscribe', '/cgi-bin/get_current_autoreply_info']);
  });

  it('a simulator account has a WeChat ID by default (or the one given), so kfaccount/add works', async () => {
    const created = (await sim('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'KF' })) as { appid: string; secret: string; wechat_id: string };
    expect(created.wechat_id).toBe(`sim_${created.appid.slice(2)}`);
    const token = await fetchToken(herald, created.appid, created.secret);
    expect(await wxCall(herald, 'POST', `/customservice/kfaccount/add?access_token=${token}`, { body: { kf_account: `anna@${created.wechat_id}`, nickname: '安娜' } })).toMatchObject({ errcode: 0 });
    const named = (await sim('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'KF2', wechat_id: 'my_shop_01' })) as { wechat_id: string };
    expect(named.wechat_id).toBe('my_shop_01');
    const taken = await herald.app.inject({ method: 'POST', url: '/sim/v1/accounts', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'service', name: 'KF3', wechat_id: 'MY_SHOP_01' }) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'wechat_id_taken' } });
    for (const wechat_id of ['1abcdef', 'abc', 'x'.repeat(21), 'a b c d e f', '<script>', 5]) {
      const bad = await herald.app.inject({ method: 'POST', url: '/sim/v1/accounts', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'service', name: 'KF4', wechat_id }) });
      expect(bad.statusCode, String(wechat_id)).toBe(400);
    }
  });
});
