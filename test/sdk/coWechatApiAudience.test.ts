/**
 * co-wechat-api 3.x, unmodified, managing followers, tags and QR codes against a Herald listening
 * on a real loopback port. The SDK has no blacklist methods; those calls go over the same port
 * with fetch and the SDK's own token.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';
import { addFollower, addFollowers } from '../factories/audience.js';
import { decodeQrPng } from '../qrDecode.js';

type Json = Record<string, unknown>;
interface CoToken {
  accessToken: string;
}
interface CoAudienceApi {
  prefix: string;
  mpPrefix: string;
  ensureAccessToken(): Promise<CoToken>;
  getFollowers(nextOpenid?: string): Promise<Json>;
  getUser(options: string | { openid: string; lang: string }): Promise<Json>;
  batchGetUsers(openids: string[], lang?: string): Promise<{ user_info_list: Json[] }>;
  updateRemark(openid: string, remark: string): Promise<Json>;
  createTags(name: string): Promise<{ tag: { id: number; name: string } }>;
  getTags(): Promise<{ tags: Array<{ id: number; name: string; count: number }> }>;
  updateTag(id: number, name: string): Promise<Json>;
  deleteTag(id: number): Promise<Json>;
  getUsersFromTag(tagId: number, nextOpenId?: string): Promise<Json>;
  batchTagging(openids: string[], tagId: number): Promise<Json>;
  batchUnTagging(openids: string[], tagId: number): Promise<Json>;
  getIdList(openid: string): Promise<{ tagid_list: number[] }>;
  createTmpQRCode(sceneId: number | string, expire: number): Promise<Json>;
  createLimitQRCode(sceneId: number | string): Promise<Json>;
  showQRCodeURL(ticket: string): string;
}
type CoApiClass = new (appid: string, secret: string) => CoAudienceApi;
interface CoError {
  name: string;
  code: number;
  message: string;
}

const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as CoApiClass;

function clientFor(herald: TestHerald, appid: string, secret: string): CoAudienceApi {
  const api = new CoWechatAPI(appid, secret);
  api.prefix = `${herald.url}/cgi-bin/`;
  api.mpPrefix = `${herald.url}/cgi-bin/`;
  return api;
}

const fails = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a WeChat error')), (e: unknown) => e as CoError);

describeEachDb('co-wechat-api: followers, tags, QR codes', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('lists followers across pages, reads and remarks them', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const made = await addFollowers(herald.database, account.id, 10_001, { language: 'zh_CN' });
    const seen: string[] = [];
    let next = '';
    for (;;) {
      const page = await api.getFollowers(next);
      expect(page.total).toBe(10_001);
      if (!page.data) {
        expect(page).toEqual({ total: 10_001, count: 0, next_openid: '' });
        break;
      }
      seen.push(...(page.data as { openid: string[] }).openid);
      next = String(page.next_openid);
    }
    expect(seen).toHaveLength(10_001);
    expect(new Set(seen)).toEqual(new Set(made.map((m) => m.openid)));

    const someone = made[42];
    expect(await api.updateRemark(someone.openid, '好朋友')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.getUser(someone.openid)).toMatchObject({ subscribe: 1, openid: someone.openid, unionid: someone.unionid, remark: '好朋友', groupid: 0, tagid_list: [] });
    expect(await api.getUser({ openid: someone.openid, lang: 'zh_CN' })).toMatchObject({ language: 'zh_CN' });
    const batch = await api.batchGetUsers([made[0].openid, made[1].openid]);
    expect(batch.user_info_list.map((u) => u.openid)).toEqual([made[0].openid, made[1].openid]);

    expect(await fails(api.getUser('oNotAFollower000000000000000'))).toMatchObject({ name: 'WeChatAPIError', code: 40003 });
    expect(await fails(api.updateRemark(someone.openid, 'x'.repeat(30)))).toMatchObject({ code: 40092 });
    expect(await fails(api.batchGetUsers(made.slice(0, 101).map((m) => m.openid)))).toMatchObject({ code: 40032 });
    const gone = await addFollower(herald.database, account.id, { subscribed: false });
    expect(await api.getUser(gone.openid)).toEqual({ subscribe: 0, openid: gone.openid, unionid: gone.unionid });

    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/user/get',
      '/cgi-bin/user/info',
      '/cgi-bin/user/info/batchget',
      '/cgi-bin/user/info/updateremark',
    ]);
  });

  it('manages tags and tag membership; blacklists over the same port', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const fs = await addFollowers(herald.database, account.id, 3);
    const ids = fs.map((f) => f.openid);

    const created = await api.createTags('广东');
    expect(created).toEqual({ tag: { id: 100, name: '广东' } });
    expect(await fails(api.createTags('广东'))).toMatchObject({ code: 45157 });
    expect(await api.updateTag(100, '广州')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await fails(api.updateTag(2, 'x'))).toMatchObject({ code: 45058 });
    expect(await api.batchTagging(ids, 100)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.getTags()).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }, { id: 100, name: '广州', count: 3 }] });
    expect(await api.getIdList(ids[0])).toEqual({ tagid_list: [100] });
    const members = await api.getUsersFromTag(100);
    expect(members).toMatchObject({ count: 3 });
    expect(new Set((members.data as { openid: string[] }).openid)).toEqual(new Set(ids));
    expect(await api.getUsersFromTag(100, String(members.next_openid))).toEqual({ count: 0, next_openid: '' });
    expect(await api.batchUnTagging([ids[0]], 100)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.getIdList(ids[0])).toEqual({ tagid_list: [] });
    expect(await fails(api.batchTagging(ids, 999))).toMatchObject({ code: 45159 });
    expect(await api.deleteTag(100)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.getIdList(ids[1])).toEqual({ tagid_list: [] });

    // co-wechat-api has no blacklist methods: the same calls over HTTP, with the SDK's token.
    const { accessToken } = await api.ensureAccessToken();
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${herald.url}/cgi-bin/${path}?access_token=${encodeURIComponent(accessToken)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      return (await res.json()) as Json;
    };
    expect(await post('tags/members/batchblacklist', { openid_list: [ids[2]] })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await post('tags/members/getblacklist', { begin_openid: '' })).toEqual({ total: 1, count: 1, data: { openid: [ids[2]] }, next_openid: ids[2] });
    expect(await post('tags/members/batchunblacklist', { openid_list: [ids[2]] })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await post('tags/members/getblacklist', {})).toEqual({ total: 0, count: 0, next_openid: '' });

    await expectSdkCovered(herald, account.id, 'co-wechat-api', [
      '/cgi-bin/tags/create',
      '/cgi-bin/tags/get',
      '/cgi-bin/tags/update',
      '/cgi-bin/tags/delete',
      '/cgi-bin/tags/members/batchtagging',
      '/cgi-bin/tags/members/batchuntagging',
      '/cgi-bin/tags/getidlist',
      '/cgi-bin/user/tag/get',
    ]);
  });

  it('creates temporary and permanent QR codes whose image encodes the url', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const api = clientFor(herald, appid, secret);
    const temp = await api.createTmpQRCode(10086, 1800);
    expect(temp).toEqual({ ticket: expect.any(String), expire_seconds: 1800, url: expect.stringMatching(/\/q\/[0-9A-Za-z]{22}$/) });
    const tempStr = await api.createTmpQRCode('coupon-2024', 600);
    expect(tempStr.expire_seconds).toBe(600);
    const perm = await api.createLimitQRCode(12);
    expect(perm).toEqual({ ticket: expect.any(String), url: expect.any(String) });
    expect(await api.createLimitQRCode(12)).toEqual(perm);
    const permStr = await api.createLimitQRCode('shop-door');
    expect(permStr.ticket).not.toBe(perm.ticket);
    expect(await fails(api.createLimitQRCode(100001))).toMatchObject({ code: 40053 });

    for (const qr of [temp, tempStr, perm, permStr]) {
      const image = await fetch(api.showQRCodeURL(String(qr.ticket)));
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(decodeQrPng(Buffer.from(await image.arrayBuffer()))).toBe(qr.url);
    }
    const unknown = await fetch(api.showQRCodeURL('gQnope'));
    expect(unknown.status).toBe(404);

    const sub = await makeAccount(herald.services, { type: 'subscription', verified: true });
    expect(await fails(clientFor(herald, sub.appid, sub.secret).createTmpQRCode(1, 60))).toMatchObject({ code: 48001 });

    await expectSdkCovered(herald, account.id, 'co-wechat-api', ['/cgi-bin/qrcode/create']);
  });
});
