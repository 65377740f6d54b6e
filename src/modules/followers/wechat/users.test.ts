import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { accountWithToken, expectWxError } from '../../../../test/wxClient.js';
import { addFollower, addFollowers } from '../../../../test/factories/audience.js';
import type { AccountType } from '../../accounts/rules/capabilities.js';

describeEachDb('user APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const account = (opts: { type?: AccountType; verified?: boolean } = {}) => accountWithToken(herald, opts);

  it('user/get pages 10000 openids at a time across 10001 followers, stably, ending with count 0 and no data', async () => {
    const a = await account();
    const made = await addFollowers(herald.database, a.account.id, 10_001);
    await addFollowers(herald.database, a.account.id, 3, { subscribed: false });
    const first = await a.call('GET', 'user/get');
    expect(first.total).toBe(10_001);
    expect(first.count).toBe(10_000);
    const firstIds = (first.data as { openid: string[] }).openid;
    expect(firstIds).toHaveLength(10_000);
    expect(first.next_openid).toBe(firstIds[9_999]);
    // The same page again is the same page.
    expect(((await a.call('GET', 'user/get')).data as { openid: string[] }).openid).toEqual(firstIds);

    const second = await a.call('GET', `user/get?next_openid=${encodeURIComponent(String(first.next_openid))}`);
    expect(second).toEqual({ total: 10_001, count: 1, data: { openid: [expect.any(String)] }, next_openid: expect.any(String) });
    const all = new Set([...firstIds, ...(second.data as { openid: string[] }).openid]);
    expect(all.size).toBe(10_001);
    expect([...all].sort()).toEqual(made.map((m) => m.openid).sort());

    const last = await a.call('GET', `user/get?next_openid=${encodeURIComponent(String(second.next_openid))}`);
    expect(last).toEqual({ total: 10_001, count: 0, next_openid: '' });
    expect('data' in last).toBe(false);
  });

  it('user/get on an account without followers; empty next_openid means from the start', async () => {
    const a = await account();
    expect(await a.call('GET', 'user/get?next_openid=')).toEqual({ total: 0, count: 0, next_openid: '' });
    const f = await addFollower(herald.database, a.account.id);
    expect(await a.call('GET', 'user/get?next_openid=')).toEqual({ total: 1, count: 1, data: { openid: [f.openid] }, next_openid: f.openid });
  });

  it('user/get: 40003 for a next_openid of another account or garbage', async () => {
    const a = await account();
    await addFollower(herald.database, a.account.id);
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    for (const next of [stranger.openid, 'garbage!', 'oNoSuchOpenid00000000000000', 'x'.repeat(3000), '%00', '🙂']) {
      expectWxError(await a.call('GET', `user/get?next_openid=${encodeURIComponent(next)}`), 40003, 'invalid openid');
    }
  });

  it('user/info: the documented fields for a follower, with tags and remark', async () => {
    const a = await account();
    const at = new Date('2024-05-01T08:00:00Z');
    const f = await addFollower(herald.database, a.account.id, {
      language: 'en',
      subscribedAt: at,
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrScene: 98765,
      qrSceneStr: 'campaign',
    });
    await a.call('POST', 'user/info/updateremark', { openid: f.openid, remark: '老客户' });
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [f.openid], tagid: 2 });
    const info = await a.call('GET', `user/info?openid=${f.openid}&lang=zh_CN`);
    expect(info).toEqual({
      subscribe: 1,
      openid: f.openid,
      language: 'en',
      subscribe_time: Math.floor(at.getTime() / 1000),
      unionid: f.unionid,
      remark: '老客户',
      groupid: 2, // the legacy group: only the star tag, so the star group
      tagid_list: [2],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 98765,
      qr_scene_str: 'campaign',
    });
    // lang is optional.
    expect(await a.call('GET', `user/info?openid=${f.openid}`)).toMatchObject({ subscribe: 1, openid: f.openid });
  });

  it('user/info: someone who unfollowed gets subscribe 0 with openid and unionid only', async () => {
    const a = await account();
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    expect(await a.call('GET', `user/info?openid=${gone.openid}&lang=en`)).toEqual({ subscribe: 0, openid: gone.openid, unionid: gone.unionid });
  });

  it('user/info: 40003 for another account\'s openid or garbage; 41009 without openid', async () => {
    const a = await account();
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    for (const openid of [stranger.openid, 'oNoSuchOpenid00000000000000', 'garbage openid', "' or 1=1 --", 'x'.repeat(10_000), '%F0%9F%99%82']) {
      expectWxError(await a.call('GET', `user/info?openid=${encodeURIComponent(openid)}`), 40003, 'invalid openid');
    }
    expectWxError(await a.call('GET', 'user/info'), 41009, 'missing openid');
    expectWxError(await a.call('GET', 'user/info?openid='), 41009);
    expectWxError(await a.call('POST', 'user/info?openid=x', {}), 43001);
  });

  it('user/info/batchget: entries in request order, unfollowed ones as subscribe 0', async () => {
    const a = await account();
    const [x, y] = await addFollowers(herald.database, a.account.id, 2);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    const got = await a.call('POST', 'user/info/batchget', {
      user_list: [{ openid: y.openid, lang: 'zh_CN' }, { openid: gone.openid }, { openid: x.openid, lang: 'en' }, { openid: y.openid }],
    });
    const list = got.user_info_list as Array<Record<string, unknown>>;
    expect(list.map((u) => [u.openid, u.subscribe])).toEqual([[y.openid, 1], [gone.openid, 0], [x.openid, 1], [y.openid, 1]]);
    expect(list[1]).toEqual({ subscribe: 0, openid: gone.openid, unionid: gone.unionid });
    expect(Object.keys(list[0]).sort()).toEqual(
      ['groupid', 'language', 'openid', 'qr_scene', 'qr_scene_str', 'remark', 'subscribe', 'subscribe_scene', 'subscribe_time', 'tagid_list', 'unionid'].sort(),
    );
  });

  it('user/info/batchget: 100 at most (40032), 40003 for a bad openid, 47001 for malformed entries', async () => {
    const a = await account();
    const many = await addFollowers(herald.database, a.account.id, 101);
    const hundred = await a.call('POST', 'user/info/batchget', { user_list: many.slice(0, 100).map((m) => ({ openid: m.openid })) });
    expect(hundred.user_info_list).toHaveLength(100);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: many.map((m) => ({ openid: m.openid })) }), 40032, 'invalid openid list size');
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: [] }), 40032);
    expectWxError(await a.call('POST', 'user/info/batchget', {}), 40032);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: 'x' }), 40032);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: [{ openid: many[0].openid }, { openid: 'oNope000000000000000000000' }] }), 40003);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: [{ openid: 12 }] }), 40003);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: [{}] }), 40003);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: ['x'] }), 47001);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: [{ openid: many[0].openid, lang: 5 }] }), 47001);
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: Array.from({ length: 20_000 }, () => ({ openid: 'o' })) }), 40032);
    // Beyond 1 MiB the body itself is refused.
    expectWxError(await a.call('POST', 'user/info/batchget', { user_list: Array.from({ length: 200_000 }, () => ({ openid: 'o' })) }), 45002);
  });

  it('user/info/updateremark: < 30 characters (40092), current followers only (40003)', async () => {
    const a = await account();
    const f = await addFollower(herald.database, a.account.id);
    expect(await a.call('POST', 'user/info/updateremark', { openid: f.openid, remark: '备'.repeat(29) })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await a.call('GET', `user/info?openid=${f.openid}`)).remark).toBe('备'.repeat(29));
    expectWxError(await a.call('POST', 'user/info/updateremark', { openid: f.openid, remark: 'a'.repeat(30) }), 40092, 'invalid remark name');
    expectWxError(await a.call('POST', 'user/info/updateremark', { openid: f.openid, remark: 'x'.repeat(500_000) }), 40092);
    expect(await a.call('POST', 'user/info/updateremark', { openid: f.openid, remark: '' })).toMatchObject({ errcode: 0 });
    expect((await a.call('GET', `user/info?openid=${f.openid}`)).remark).toBe('');
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    for (const openid of [gone.openid, stranger.openid, 'garbage', 7, null]) {
      expectWxError(await a.call('POST', 'user/info/updateremark', { openid, remark: 'x' }), 40003);
    }
    expectWxError(await a.call('POST', 'user/info/updateremark', { openid: f.openid }), 47001);
    expectWxError(await a.call('POST', 'user/info/updateremark', { openid: f.openid, remark: 5 }), 47001);
    expectWxError(await a.call('POST', 'user/info/updateremark', ''), 44002);
    expectWxError(await a.call('POST', 'user/info/updateremark', '{"openid":'), 47001);
    // The stranger's remark was not touched.
    expect((await other.call('GET', `user/info?openid=${stranger.openid}`)).remark).toBe('');
  });

  it('48001 on every user API for accounts without user management', async () => {
    for (const opts of [{ type: 'subscription' as const, verified: false }, { type: 'service' as const, verified: false }]) {
      const a = await account(opts);
      expectWxError(await a.call('GET', 'user/get'), 48001);
      expectWxError(await a.call('GET', 'user/info?openid=x'), 48001);
      expectWxError(await a.call('POST', 'user/info/batchget', { user_list: [] }), 48001);
      expectWxError(await a.call('POST', 'user/info/updateremark', { openid: 'x', remark: '' }), 48001);
    }
  });
});
