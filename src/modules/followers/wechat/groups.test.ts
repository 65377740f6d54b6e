/**
 * The legacy groups API (/cgi-bin/groups/*) as a view over tags: the unmodified co-wechat-api and
 * wechat-api group functions against a Herald on a loopback port, then raw HTTP for the error
 * paths (compared with the tags API's answers) and hostile bodies.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectSdkCovered } from '../../../../test/sdkCoverage.js';
import { accountWithToken, expectWxError, fetchToken, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { addFollower, addFollowers } from '../../../../test/factories/audience.js';
import type { AccountType } from '../../accounts/rules/capabilities.js';

type Json = Record<string, unknown>;
interface Group {
  id: number;
  name: string;
  count: number;
}
interface CoGroupApi {
  prefix: string;
  mpPrefix: string;
  createGroup(name: string): Promise<{ group: { id: number; name: string } }>;
  getGroups(): Promise<{ groups: Group[] }>;
  getWhichGroup(openid: string): Promise<{ groupid: number }>;
  getUser(openid: string): Promise<Record<string, unknown>>;
  updateGroup(id: number, name: string): Promise<Json>;
  moveUserToGroup(openid: string, groupId: number): Promise<Json>;
  moveUsersToGroup(openids: string[], groupId: number): Promise<Json>;
  removeGroup(groupId: number): Promise<Json>;
}
interface CoError {
  name: string;
  code: number;
  message: string;
}
type Callback<T> = (err: (Error & { code?: number }) | null, data: T) => void;
interface WechatApiGroups {
  endpoint: string;
  createGroup(name: string, cb: Callback<{ group: { id: number; name: string } }>): void;
  getGroups(cb: Callback<{ groups: Group[] }>): void;
  getWhichGroup(openid: string, cb: Callback<{ groupid: number }>): void;
  updateGroup(id: number, name: string, cb: Callback<Json>): void;
  moveUserToGroup(openid: string, groupId: number, cb: Callback<Json>): void;
  removeGroup(groupId: number, cb: Callback<Json>): void;
}

const require = createRequire(import.meta.url);
const CoWechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoGroupApi;
const WechatAPI = require('wechat-api') as new (appid: string, secret: string) => WechatApiGroups;

const fails = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a WeChat error')), (e: unknown) => e as CoError);
const viaCallback = <T>(fn: (cb: Callback<T>) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));

const OK = { errcode: 0, errmsg: 'ok' };
const SYSTEM = (ungrouped: number, blacklisted = 0, starred = 0): Group[] => [
  { id: 0, name: '未分组', count: ungrouped },
  { id: 1, name: '黑名单', count: blacklisted },
  { id: 2, name: '星标组', count: starred },
];

describeEachDb('legacy groups API over tags', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function account(opts: { type?: AccountType; verified?: boolean } = {}) {
    const made = await accountWithToken(herald, opts);
    const { call } = made;
    const groupOf = async (openid: string) => (await call('POST', 'groups/getid', { openid })).groupid;
    const tagsOf = async (openid: string) => (await call('POST', 'tags/getidlist', { openid })).tagid_list;
    return { ...made, groupOf, tagsOf };
  }

  it('co-wechat-api: create, list, find, rename, move and remove groups', async () => {
    const { account: acc, appid, secret } = await makeAccount(herald.services);
    const api = new CoWechatAPI(appid, secret);
    api.prefix = `${herald.url}/cgi-bin/`;
    api.mpPrefix = `${herald.url}/cgi-bin/`;
    const [a, b, c] = await addFollowers(herald.database, acc.id, 3);

    expect(await api.getGroups()).toEqual({ groups: SYSTEM(3) });
    expect(await api.createGroup('广东')).toEqual({ group: { id: 100, name: '广东' } });
    expect(await api.createGroup('VIP')).toEqual({ group: { id: 101, name: 'VIP' } });
    expect(await api.getWhichGroup(a.openid)).toEqual({ groupid: 0 });

    expect(await api.moveUserToGroup(a.openid, 100)).toEqual(OK);
    expect(await api.getWhichGroup(a.openid)).toEqual({ groupid: 100 });
    // user/info's legacy groupid says the same.
    expect(await api.getUser(a.openid)).toMatchObject({ groupid: 100, tagid_list: [100] });
    expect(await api.moveUsersToGroup([b.openid, c.openid], 101)).toEqual(OK);
    expect(await api.getWhichGroup(c.openid)).toEqual({ groupid: 101 });
    // Moving a follower takes them out of the group they were in.
    expect(await api.moveUserToGroup(b.openid, 100)).toEqual(OK);
    expect(await api.updateGroup(101, 'VIP+')).toEqual(OK);
    expect(await api.getGroups()).toEqual({
      groups: [...SYSTEM(0), { id: 100, name: '广东', count: 2 }, { id: 101, name: 'VIP+', count: 1 }],
    });

    // The same data through the tags API.
    const t = await api.getWhichGroup(b.openid);
    expect(t).toEqual({ groupid: 100 });
    const token = await fetchToken(herald, appid, secret);
    const tags = await wxCall(herald, 'GET', `/cgi-bin/tags/get?access_token=${token}`);
    expect(tags).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }, { id: 100, name: '广东', count: 2 }, { id: 101, name: 'VIP+', count: 1 }] });

    expect(await api.removeGroup(100)).toEqual(OK);
    expect(await api.getWhichGroup(a.openid)).toEqual({ groupid: 0 });
    expect(await api.getGroups()).toEqual({ groups: [...SYSTEM(2), { id: 101, name: 'VIP+', count: 1 }] });

    // WeChat errors reach the SDK as its own error objects, with the tags API's codes.
    expect(await fails(api.createGroup('x'.repeat(31)))).toMatchObject({ name: 'WeChatAPIError', code: 45158 });
    expect(await fails(api.updateGroup(1, 'mine'))).toMatchObject({ code: 45058 });
    expect(await fails(api.removeGroup(100))).toMatchObject({ code: 45159 });
    expect(await fails(api.moveUserToGroup(a.openid, 1))).toMatchObject({ code: 45159 });
    expect(await fails(api.moveUsersToGroup([a.openid, 'oNoSuchOpenid00000000000000'], 101))).toMatchObject({ code: 40003 });
    expect(await fails(api.getWhichGroup('nope'))).toMatchObject({ code: 40003 });
    expect(await api.getWhichGroup(a.openid)).toEqual({ groupid: 0 });

    await expectSdkCovered(herald, acc.id, 'co-wechat-api', [
      '/cgi-bin/groups/create',
      '/cgi-bin/groups/get',
      '/cgi-bin/groups/getid',
      '/cgi-bin/groups/update',
      '/cgi-bin/groups/members/update',
      '/cgi-bin/groups/members/batchupdate',
      '/cgi-bin/groups/delete',
    ]);
  });

  it('wechat-api (callback style): the same group functions', async () => {
    const { account: acc, appid, secret } = await makeAccount(herald.services);
    const api = new WechatAPI(appid, secret);
    api.endpoint = herald.url;
    const f = await addFollower(herald.database, acc.id);
    const created = await viaCallback<{ group: { id: number; name: string } }>((cb) => api.createGroup('老客户', cb));
    expect(created).toEqual({ group: { id: 100, name: '老客户' } });
    expect(await viaCallback((cb) => api.moveUserToGroup(f.openid, 100, cb))).toEqual(OK);
    expect(await viaCallback((cb) => api.getWhichGroup(f.openid, cb))).toEqual({ groupid: 100 });
    expect(await viaCallback((cb) => api.updateGroup(100, '熟客', cb))).toEqual(OK);
    expect(await viaCallback((cb) => api.getGroups(cb))).toEqual({ groups: [...SYSTEM(0), { id: 100, name: '熟客', count: 1 }] });
    expect(await viaCallback((cb) => api.removeGroup(100, cb))).toEqual(OK);
    expect(await viaCallback((cb) => api.getWhichGroup(f.openid, cb))).toEqual({ groupid: 0 });
    const err = await viaCallback((cb) => api.removeGroup(100, cb)).then(
      () => undefined,
      (e: Error & { code?: number }) => e,
    );
    expect(err?.code).toBe(45159);
    await expectSdkCovered(herald, acc.id, 'wechat-api', [
      '/cgi-bin/groups/create',
      '/cgi-bin/groups/get',
      '/cgi-bin/groups/getid',
      '/cgi-bin/groups/update',
      '/cgi-bin/groups/members/update',
      '/cgi-bin/groups/delete',
    ]);
  });

  it('a follower has one group: moves replace created tags; the star group and 0 are groups too', async () => {
    const a = await account();
    const [f, g] = await addFollowers(herald.database, a.account.id, 2);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    const t1 = ((await a.call('POST', 'groups/create', { group: { name: 'one' } })).group as { id: number }).id;
    const t2 = ((await a.call('POST', 'tags/create', { tag: { name: 'two' } })).tag as { id: number }).id;
    const t3 = ((await a.call('POST', 'tags/create', { tag: { name: 'three' } })).tag as { id: number }).id;

    // Tagged through the tags API with several tags: the group is the lowest created tag.
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [f.openid], tagid: t3 });
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [f.openid], tagid: t2 });
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [f.openid], tagid: 2 });
    expect(await a.groupOf(f.openid)).toBe(t2);
    // Moving keeps the star, drops every other created tag; to_groupid may be a string.
    expect(await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: String(t1) })).toEqual(OK);
    expect(await a.tagsOf(f.openid)).toEqual([2, t1]);
    expect(await a.groupOf(f.openid)).toBe(t1);
    // Moving into the group one is in changes nothing.
    expect(await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: t1 })).toEqual(OK);
    expect(await a.tagsOf(f.openid)).toEqual([2, t1]);
    // To the star group: no created tag is left, and getid answers 2.
    expect(await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: 2 })).toEqual(OK);
    expect(await a.tagsOf(f.openid)).toEqual([2]);
    expect(await a.groupOf(f.openid)).toBe(2);
    // To 0: no tag at all.
    await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: t3 });
    expect(await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: 0 })).toEqual(OK);
    expect(await a.tagsOf(f.openid)).toEqual([]);
    expect(await a.groupOf(f.openid)).toBe(0);

    // Counts: 未分组 counts current followers without a tag; 黑名单 the blacklist; 2 the star group.
    await a.call('POST', 'groups/members/batchupdate', { openid_list: [g.openid], to_groupid: 2 });
    await a.call('POST', 'tags/members/batchblacklist', { openid_list: [g.openid, gone.openid] });
    expect(await a.call('GET', 'groups/get')).toEqual({
      groups: [...SYSTEM(1, 2, 1), { id: t1, name: 'one', count: 0 }, { id: t2, name: 'two', count: 0 }, { id: t3, name: 'three', count: 0 }],
    });

    // A group deleted through the tags API is gone from groups/get and from its followers.
    await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: t2 });
    await a.call('POST', 'tags/delete', { tag: { id: t2 } });
    expect(await a.groupOf(f.openid)).toBe(0);
    expect(((await a.call('GET', 'groups/get')).groups as Group[]).map((x) => x.id)).toEqual([0, 1, 2, t1, t3]);
  });

  it('concurrent moves of one follower leave exactly one group', async () => {
    const a = await account();
    const f = await addFollower(herald.database, a.account.id);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(((await a.call('POST', 'groups/create', { group: { name: `g${i}` } })).group as { id: number }).id);
    const results = await Promise.all(ids.map((id) => a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: id })));
    expect(results.every((r) => r.errcode === 0)).toBe(true);
    const tags = (await a.tagsOf(f.openid)) as number[];
    expect(tags).toHaveLength(1);
    expect(ids).toContain(tags[0]);
    expect(await a.groupOf(f.openid)).toBe(tags[0]);
  });

  it('answers errors exactly as the tags API does', async () => {
    const a = await account();
    const [f] = await addFollowers(herald.database, a.account.id, 1);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    const taken = ((await a.call('POST', 'groups/create', { group: { name: 'taken' } })).group as { id: number }).id;
    const same = async (groupsApi: string, groupsBody: unknown, tagsApi: string, tagsBody: unknown, errcode: number) => {
      const fromGroups = await a.call('POST', groupsApi, groupsBody);
      const fromTags = await a.call('POST', tagsApi, tagsBody);
      expectWxError(fromGroups, errcode);
      expectWxError(fromTags, errcode);
      expect(String(fromGroups.errmsg).split(' rid:')[0]).toBe(String(fromTags.errmsg).split(' rid:')[0]);
    };

    // create: 45157 empty, duplicate or system name, 45158 over 30 bytes.
    for (const name of ['', '   ', 'taken', '星标组', '未分组', 5, null, ['x'], { a: 1 }]) {
      await same('groups/create', { group: { name } }, 'tags/create', { tag: { name } }, 45157);
    }
    for (const name of ['a'.repeat(31), '字'.repeat(11), 'x'.repeat(100_000)]) {
      await same('groups/create', { group: { name } }, 'tags/create', { tag: { name } }, 45158);
    }
    await same('groups/create', {}, 'tags/create', {}, 45157);
    await same('groups/create', { group: 'x' }, 'tags/create', { tag: 'x' }, 45157);
    // update: 45058 system groups, 45159 unknown or malformed ids, name rules as create.
    for (const id of [0, 1, 2]) await same('groups/update', { group: { id, name: 'x' } }, 'tags/update', { tag: { id, name: 'x' } }, 45058);
    for (const id of [999, -1, 'abc', null, 1.5, { id: 1 }]) await same('groups/update', { group: { id, name: 'x' } }, 'tags/update', { tag: { id, name: 'x' } }, 45159);
    const mine = ((await a.call('POST', 'groups/create', { group: { name: 'mine' } })).group as { id: number }).id;
    await same('groups/update', { group: { id: mine, name: 'taken' } }, 'tags/update', { tag: { id: mine, name: 'taken' } }, 45157);
    await same('groups/update', { group: { id: mine, name: 'y'.repeat(31) } }, 'tags/update', { tag: { id: mine, name: 'y'.repeat(31) } }, 45158);
    // Another account's group is unknown here.
    expectWxError(await other.call('POST', 'groups/update', { group: { id: taken, name: 'theirs' } }), 45159);
    // delete: 45058, 45159.
    for (const id of [0, 1, 2]) await same('groups/delete', { group: { id } }, 'tags/delete', { tag: { id } }, 45058);
    for (const id of [999, 'x', null]) await same('groups/delete', { group: { id } }, 'tags/delete', { tag: { id } }, 45159);
    // members: 45159 unknown target (1, the blacklist, included), 40003 / 49003 openids, 40032 list size.
    for (const to of [1, 999, -1, 'abc', null, undefined, { id: taken }, [taken]]) {
      await same('groups/members/update', { openid: f.openid, to_groupid: to }, 'tags/members/batchtagging', { openid_list: [f.openid], tagid: to }, 45159);
    }
    for (const openid of ['garbage!', 'oNoSuchOpenid00000000000000', gone.openid, 12, null, undefined, { $ne: null }, [f.openid]]) {
      await same('groups/members/update', { openid, to_groupid: taken }, 'tags/members/batchtagging', { openid_list: [openid], tagid: taken }, 40003);
    }
    await same('groups/members/update', { openid: stranger.openid, to_groupid: taken }, 'tags/members/batchtagging', { openid_list: [stranger.openid], tagid: taken }, 49003);
    for (const list of [[], Array.from({ length: 51 }, () => f.openid), f.openid, { a: 1 }, undefined]) {
      await same('groups/members/batchupdate', { openid_list: list, to_groupid: taken }, 'tags/members/batchtagging', { openid_list: list, tagid: taken }, 40032);
    }
    await same('groups/members/batchupdate', { openid_list: [f.openid, stranger.openid], to_groupid: taken }, 'tags/members/batchtagging', { openid_list: [f.openid, stranger.openid], tagid: taken }, 49003);
    // getid: 40003 / 49003 as tags/getidlist.
    for (const openid of ['nope', gone.openid, undefined, { $ne: null }, 'x'.repeat(100_000)]) {
      await same('groups/getid', { openid }, 'tags/getidlist', { openid }, 40003);
    }
    await same('groups/getid', { openid: stranger.openid }, 'tags/getidlist', { openid: stranger.openid }, 49003);
    // Refused moves changed nothing: the follower is in no group, no tag was touched.
    expect(await a.tagsOf(f.openid)).toEqual([]);
    expect(await a.call('GET', 'groups/get')).toEqual({ groups: [...SYSTEM(1), { id: taken, name: 'taken', count: 0 }, { id: mine, name: 'mine', count: 0 }] });
  });

  it('groups/create stops at 100 tags (45056), counting tags made through either API', async () => {
    const a = await account();
    await herald.database.rows(sql`
      insert into tags (account_id, tag_id, name, created_at)
      select ${a.account.id}::uuid, 99 + g, 'bulk ' || g, now() from generate_series(1, 99) g`);
    expect(await a.call('POST', 'groups/create', { group: { name: 'last' } })).toEqual({ group: { id: 199, name: 'last' } });
    expectWxError(await a.call('POST', 'groups/create', { group: { name: 'one too many' } }), 45056, 'too many tag now, no need to add new');
    expectWxError(await a.call('POST', 'tags/create', { tag: { name: 'one too many' } }), 45056);
    expect((await a.call('GET', 'groups/get')).groups).toHaveLength(103);
  });

  it('wrong methods answer 43001/43002; accounts without user management get 48001', async () => {
    const a = await account();
    expectWxError(await a.call('POST', 'groups/get', {}), 43001);
    for (const api of ['groups/create', 'groups/getid', 'groups/update', 'groups/members/update', 'groups/members/batchupdate', 'groups/delete']) {
      expectWxError(await a.call('GET', api), 43002);
    }
    const sub = await account({ type: 'subscription', verified: false });
    expectWxError(await sub.call('GET', 'groups/get'), 48001, 'api unauthorized');
    for (const api of ['groups/create', 'groups/getid', 'groups/update', 'groups/members/update', 'groups/members/batchupdate', 'groups/delete']) {
      expectWxError(await sub.call('POST', api, {}), 48001);
    }
  });

  it('hostile bodies on every group API answer WeChat errors, never a 500, and change nothing', async () => {
    const a = await account();
    const f = await addFollower(herald.database, a.account.id);
    const keep = ((await a.call('POST', 'groups/create', { group: { name: 'keep' } })).group as { id: number }).id;
    await a.call('POST', 'groups/members/update', { openid: f.openid, to_groupid: keep });
    const bodies: Array<string | Buffer> = [
      '', '   ', 'not json', '[]', 'null', '"x"', '1e400', '{"group":', '{'.repeat(60_000), '['.repeat(100_000),
      '{"__proto__":{"group":{"name":"x"}},"constructor":{"prototype":{"openid_list":["x"]}}}',
      JSON.stringify({ group: { id: 1e308, name: 'x'.repeat(100_000) }, openid: 1e308, to_groupid: 1e308 }),
      JSON.stringify({ group: [keep], openid: [f.openid], openid_list: { 0: f.openid }, to_groupid: { $gt: 0 } }),
      JSON.stringify({ openid_list: Array.from({ length: 20_000 }, (_, i) => `o${i}`), to_groupid: 0 }),
      JSON.stringify({ openid_list: Array.from({ length: 51 }, () => f.openid), to_groupid: 0 }),
      JSON.stringify({ openid: 'x'.repeat(100_000), to_groupid: '1'.repeat(1000), group: { id: String(keep), name: '\u0000' } }),
      JSON.stringify({ openid: `${f.openid}\u0000`, to_groupid: 0, group: { id: keep, name: '\u0000' } }),
      `{"openid":"${f.openid}","to_groupid":0,"group":{"id":${keep},"name":"\\ud800"}}`,
      Buffer.from([0x7b, 0x22, 0x67, 0x22, 0x3a, 0xc3, 0x28, 0xff, 0x7d]),
      JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    ];
    const apis = ['groups/create', 'groups/getid', 'groups/update', 'groups/members/update', 'groups/members/batchupdate', 'groups/delete'];
    for (const api of apis) {
      for (const body of bodies) {
        const res = await herald.app.inject({
          method: 'POST',
          url: `/cgi-bin/${api}?access_token=${encodeURIComponent(a.token)}`,
          payload: body,
          headers: { 'content-type': 'application/json' },
        });
        const what = `${api} ${String(body).slice(0, 30)} → ${res.body.slice(0, 160)}`;
        expect(res.statusCode, what).toBe(200);
        expect((res.json() as WxBody).errcode, what).toBeGreaterThan(0);
      }
    }
    for (const q of ['openid=%00', `openid=${'o'.repeat(20_000)}`, 'to_groupid=%ff%fe']) {
      const res = await herald.app.inject({ method: 'GET', url: `/cgi-bin/groups/get?access_token=${encodeURIComponent(a.token)}&${q}` });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { groups: Group[] }).groups).toHaveLength(4);
    }
    expect(await a.groupOf(f.openid)).toBe(keep);
    expect(await a.call('GET', 'groups/get')).toEqual({ groups: [...SYSTEM(0), { id: keep, name: 'keep', count: 1 }] });
  });
});
