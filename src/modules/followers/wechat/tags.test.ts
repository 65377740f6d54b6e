import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { accountWithToken, expectWxError, type WxBody } from '../../../../test/wxClient.js';
import { addFollower, addFollowers } from '../../../../test/factories/audience.js';
import { isBlacklisted } from '../store/blacklist.js';
import type { AccountType } from '../../accounts/rules/capabilities.js';

describeEachDb('tag and blacklist APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function account(opts: { type?: AccountType; verified?: boolean } = {}) {
    const made = await accountWithToken(herald, opts);
    const { call } = made;
    const createTag = async (name: string) => ((await call('POST', 'tags/create', { tag: { name } })).tag as { id: number; name: string }).id;
    return { ...made, createTag };
  }

  it('tags/create numbers tags from 100; tags/get lists the star group and counts', async () => {
    const a = await account();
    expect(await a.call('GET', 'tags/get')).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }] });
    expect(await a.call('POST', 'tags/create', { tag: { name: '广东' } })).toEqual({ tag: { id: 100, name: '广东' } });
    expect(await a.call('POST', 'tags/create', { tag: { name: 'VIP' } })).toEqual({ tag: { id: 101, name: 'VIP' } });
    const [x, y] = await addFollowers(herald.database, a.account.id, 2);
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [x.openid, y.openid], tagid: 100 });
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [x.openid], tagid: 2 });
    expect(await a.call('GET', 'tags/get')).toEqual({
      tags: [
        { id: 2, name: '星标组', count: 1 },
        { id: 100, name: '广东', count: 2 },
        { id: 101, name: 'VIP', count: 0 },
      ],
    });
    // Another account numbers its own tags from 100 too.
    const b = await account();
    expect(await b.createTag('广东')).toBe(100);
  });

  it('tags/create errors: 45157 invalid or duplicate name, 45158 over 30 bytes, 45056 over 100 tags', async () => {
    const a = await account();
    await a.createTag('dup');
    expectWxError(await a.call('POST', 'tags/create', { tag: { name: 'dup' } }), 45157, 'invalid tag name');
    expectWxError(await a.call('POST', 'tags/create', { tag: { name: '星标组' } }), 45157);
    for (const body of [{ tag: { name: '' } }, { tag: {} }, {}, { tag: 'x' }, { tag: { name: 5 } }, { tag: { name: ['x'] } }, { tag: null }]) {
      expectWxError(await a.call('POST', 'tags/create', body), 45157);
    }
    expectWxError(await a.call('POST', 'tags/create', { tag: { name: 'a'.repeat(31) } }), 45158, 'tag name too long');
    expectWxError(await a.call('POST', 'tags/create', { tag: { name: '字'.repeat(11) } }), 45158);
    expect(await a.createTag('字'.repeat(10))).toBeGreaterThanOrEqual(100);
    // Fill up to 100 tags directly, then one more is refused.
    await herald.database.rows(sql`
      insert into tags (account_id, tag_id, name, created_at)
      select ${a.account.id}::uuid, 200 + g, 'bulk ' || g, now() from generate_series(1, 98) g`);
    expect((await a.call('GET', 'tags/get')).tags).toHaveLength(101);
    expectWxError(await a.call('POST', 'tags/create', { tag: { name: 'one too many' } }), 45056, 'too many tag now, no need to add new');
  });

  it('tags/create under concurrency: distinct ids, the 100-tag limit holds', async () => {
    const a = await account();
    await herald.database.rows(sql`
      insert into tags (account_id, tag_id, name, created_at)
      select ${a.account.id}::uuid, 99 + g, 'pre ' || g, now() from generate_series(1, 90) g`);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => a.call('POST', 'tags/create', { tag: { name: `race ${i}` } })));
    const ok = results.filter((r) => r.tag);
    expect(ok).toHaveLength(10);
    expect(new Set(ok.map((r) => (r.tag as { id: number }).id)).size).toBe(10);
    expect(results.filter((r) => r.errcode === 45056)).toHaveLength(10);
  });

  it('tags/update: renames; 45058 for system tags, 45159 unknown, 45157 taken name', async () => {
    const a = await account();
    const id = await a.createTag('old');
    await a.createTag('taken');
    expect(await a.call('POST', 'tags/update', { tag: { id, name: 'new' } })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await a.call('POST', 'tags/update', { tag: { id: String(id), name: 'new' } })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await a.call('GET', 'tags/get')).tags).toContainEqual({ id, name: 'new', count: 0 });
    for (const sys of [0, 1, 2]) expectWxError(await a.call('POST', 'tags/update', { tag: { id: sys, name: 'x' } }), 45058, "can't modify sys tag");
    expectWxError(await a.call('POST', 'tags/update', { tag: { id: 999, name: 'x' } }), 45159, 'invalid tag id');
    for (const bad of [-1, 'abc', null, { id: 1 }, 1.5]) expectWxError(await a.call('POST', 'tags/update', { tag: { id: bad, name: 'x' } }), 45159);
    expectWxError(await a.call('POST', 'tags/update', { tag: { name: 'x' } }), 45159);
    expectWxError(await a.call('POST', 'tags/update', { tag: { id, name: 'taken' } }), 45157);
    expectWxError(await a.call('POST', 'tags/update', { tag: { id, name: '' } }), 45157);
    expectWxError(await a.call('POST', 'tags/update', { tag: { id, name: 'x'.repeat(31) } }), 45158);
    // Another account's tag id is unknown here.
    const b = await account();
    expectWxError(await b.call('POST', 'tags/update', { tag: { id, name: 'mine' } }), 45159);
  });

  it('tags/delete removes the tag and its memberships; 45058, 45159, and 45057 beyond 100,000 followers', async () => {
    const a = await account();
    const id = await a.createTag('temp');
    const f = await addFollower(herald.database, a.account.id);
    await a.call('POST', 'tags/members/batchtagging', { openid_list: [f.openid], tagid: id });
    expect(await a.call('POST', 'tags/getidlist', { openid: f.openid })).toEqual({ tagid_list: [id] });
    expect(await a.call('POST', 'tags/delete', { tag: { id } })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await a.call('POST', 'tags/getidlist', { openid: f.openid })).toEqual({ tagid_list: [] });
    expect(await a.call('GET', 'tags/get')).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }] });
    expectWxError(await a.call('POST', 'tags/delete', { tag: { id } }), 45159);
    for (const sys of [0, 1, 2]) expectWxError(await a.call('POST', 'tags/delete', { tag: { id: sys } }), 45058);
    expectWxError(await a.call('POST', 'tags/delete', {}), 45159);

    const big = await a.createTag('big');
    await herald.database.rows(sql`
      insert into follow_tags (account_id, openid, tag_id, created_at)
      select ${a.account.id}::uuid, 'oBulk' || lpad(g::text, 23, '0'), ${big}, now() from generate_series(1, 100001) g`);
    expectWxError(await a.call('POST', 'tags/delete', { tag: { id: big } }), 45057, "can't delete the tag that has too many fans");
    await herald.database.rows(sql`delete from follow_tags where account_id = ${a.account.id}::uuid and tag_id = ${big} and openid = 'oBulk' || lpad('1', 23, '0')`);
    expect(await a.call('POST', 'tags/delete', { tag: { id: big } })).toMatchObject({ errcode: 0 });
  });

  it('batchtagging / batchuntagging / getidlist', async () => {
    const a = await account();
    const t1 = await a.createTag('t1');
    const fs = await addFollowers(herald.database, a.account.id, 50);
    const ids = fs.map((f) => f.openid);
    expect(await a.call('POST', 'tags/members/batchtagging', { openid_list: ids, tagid: t1 })).toEqual({ errcode: 0, errmsg: 'ok' });
    // Tagging again is idempotent; the star group is usable; tagid may be a string.
    expect(await a.call('POST', 'tags/members/batchtagging', { openid_list: [ids[0], ids[0]], tagid: String(t1) })).toMatchObject({ errcode: 0 });
    expect(await a.call('POST', 'tags/members/batchtagging', { openid_list: [ids[0]], tagid: 2 })).toMatchObject({ errcode: 0 });
    expect(await a.call('POST', 'tags/getidlist', { openid: ids[0] })).toEqual({ tagid_list: [2, t1] });
    expect(await a.call('GET', `tags/getidlist?openid=${ids[1]}`)).toEqual({ tagid_list: [t1] });
    expect(await a.call('POST', 'tags/members/batchuntagging', { openid_list: [ids[0]], tagid: t1 })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await a.call('POST', 'tags/getidlist', { openid: ids[0] })).toEqual({ tagid_list: [2] });
    expect(((await a.call('GET', 'tags/get')).tags as Array<{ id: number; count: number }>).find((t) => t.id === t1)?.count).toBe(49);
  });

  it('batchtagging errors: 40032 list size, 45159 tag, 40003/49003 openids, 45059 over 20 tags; all or nothing', async () => {
    const a = await account();
    const t1 = await a.createTag('t1');
    const [f, g] = await addFollowers(herald.database, a.account.id, 2);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    const tagging = (body: unknown) => a.call('POST', 'tags/members/batchtagging', body);

    expectWxError(await tagging({ openid_list: Array.from({ length: 51 }, () => f.openid), tagid: t1 }), 40032, 'invalid openid list size');
    expectWxError(await tagging({ openid_list: [], tagid: t1 }), 40032);
    expectWxError(await tagging({ tagid: t1 }), 40032);
    expectWxError(await tagging({ openid_list: f.openid, tagid: t1 }), 40032);
    for (const tagid of [999, 0, 1, -1, 'abc', null, undefined, { id: t1 }]) {
      expectWxError(await tagging({ openid_list: [f.openid], tagid }), 45159, 'invalid tag id');
    }
    expectWxError(await tagging({ openid_list: [f.openid, stranger.openid], tagid: t1 }), 49003, 'not match openid with appid');
    expectWxError(await tagging({ openid_list: [f.openid, 'garbage!'], tagid: t1 }), 40003);
    expectWxError(await tagging({ openid_list: [f.openid, 'oNoSuchOpenid00000000000000'], tagid: t1 }), 40003);
    expectWxError(await tagging({ openid_list: [f.openid, gone.openid], tagid: t1 }), 40003);
    expectWxError(await tagging({ openid_list: [f.openid, 12], tagid: t1 }), 40003);
    // Nothing was applied by the refused calls.
    expect(await a.call('POST', 'tags/getidlist', { openid: f.openid })).toEqual({ tagid_list: [] });

    // 20 tags per follower.
    const tags: number[] = [];
    for (let i = 0; i < 20; i++) tags.push(await a.createTag(`tag ${i}`));
    for (const t of tags.slice(0, 19)) await tagging({ openid_list: [f.openid], tagid: t });
    await tagging({ openid_list: [f.openid, g.openid], tagid: tags[19] });
    expect((await a.call('POST', 'tags/getidlist', { openid: f.openid })).tagid_list).toHaveLength(20);
    expectWxError(await tagging({ openid_list: [g.openid, f.openid], tagid: t1 }), 45059, 'can not tagging one user too much');
    expect(await a.call('POST', 'tags/getidlist', { openid: g.openid })).toEqual({ tagid_list: [tags[19]] });
    // Re-tagging with a tag the follower has is still fine at the limit.
    expect(await tagging({ openid_list: [f.openid], tagid: tags[0] })).toMatchObject({ errcode: 0 });

    // Untagging accepts followers who left; unknown tags still answer 45159.
    expect(await a.call('POST', 'tags/members/batchuntagging', { openid_list: [gone.openid], tagid: t1 })).toMatchObject({ errcode: 0 });
    expectWxError(await a.call('POST', 'tags/members/batchuntagging', { openid_list: [f.openid], tagid: 999 }), 45159);
    expectWxError(await a.call('POST', 'tags/members/batchuntagging', { openid_list: [stranger.openid], tagid: t1 }), 49003);
  });

  it('getidlist errors: 40003 / 49003', async () => {
    const a = await account();
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    expectWxError(await a.call('POST', 'tags/getidlist', { openid: stranger.openid }), 49003);
    expectWxError(await a.call('POST', 'tags/getidlist', { openid: 'nope' }), 40003);
    expectWxError(await a.call('POST', 'tags/getidlist', {}), 40003);
    expectWxError(await a.call('GET', 'tags/getidlist'), 40003);
    expectWxError(await a.call('POST', 'tags/getidlist', { openid: { $ne: null } }), 40003);
  });

  it('user/tag/get pages a tag\'s followers by next_openid', async () => {
    const a = await account();
    const t = await a.createTag('t');
    const fs = await addFollowers(herald.database, a.account.id, 3);
    await a.call('POST', 'tags/members/batchtagging', { openid_list: fs.map((f) => f.openid), tagid: t });
    const sorted = fs.map((f) => f.openid).sort();
    const page = await a.call('POST', 'user/tag/get', { tagid: t, next_openid: '' });
    expect(page.count).toBe(3);
    expect([...(page.data as { openid: string[] }).openid].sort()).toEqual(sorted);
    expect(page.next_openid).toBe((page.data as { openid: string[] }).openid[2]);
    expect(await a.call('POST', 'user/tag/get', { tagid: t, next_openid: page.next_openid })).toEqual({ count: 0, next_openid: '' });
    // GET with a JSON body or query parameters works as well.
    expect((await a.call('GET', `user/tag/get?tagid=${t}`)).count).toBe(3);
    const first = (page.data as { openid: string[] }).openid[0];
    expect((await a.call('POST', 'user/tag/get', { tagid: t, next_openid: first })).count).toBe(2);
    expect(await a.call('POST', 'user/tag/get', { tagid: 2 })).toEqual({ count: 0, next_openid: '' });
    for (const tagid of [999, 0, 1, 'x', null]) expectWxError(await a.call('POST', 'user/tag/get', { tagid }), 45159);
    expectWxError(await a.call('POST', 'user/tag/get', { tagid: t, next_openid: 'bad openid' }), 40003);
    expectWxError(await a.call('POST', 'user/tag/get', { tagid: t, next_openid: 5 }), 40003);
  });

  it('blacklist: batchblacklist, getblacklist paging by begin_openid, batchunblacklist', async () => {
    const a = await account();
    expect(await a.call('POST', 'tags/members/getblacklist', { begin_openid: '' })).toEqual({ total: 0, count: 0, next_openid: '' });
    expect(await a.call('POST', 'tags/members/getblacklist')).toEqual({ total: 0, count: 0, next_openid: '' });
    const fs = await addFollowers(herald.database, a.account.id, 20);
    const gone = await addFollower(herald.database, a.account.id, { subscribed: false });
    expect(await a.call('POST', 'tags/members/batchblacklist', { openid_list: fs.map((f) => f.openid) })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await a.call('POST', 'tags/members/batchblacklist', { openid_list: [gone.openid, fs[0].openid] })).toMatchObject({ errcode: 0 });
    const sorted = [...fs.map((f) => f.openid), gone.openid].sort();
    const list = await a.call('POST', 'tags/members/getblacklist', { begin_openid: '' });
    expect(list).toEqual({ total: 21, count: 21, data: { openid: expect.any(Array) }, next_openid: expect.any(String) });
    expect([...(list.data as { openid: string[] }).openid].sort()).toEqual(sorted);
    const after = (list.data as { openid: string[] }).openid[9];
    const rest = await a.call('POST', 'tags/members/getblacklist', { begin_openid: after });
    expect(rest).toMatchObject({ total: 21, count: 11 });
    expect(await isBlacklisted(herald.services.db, a.account.id, fs[3].openid)).toBe(true);
    expect(await a.call('POST', 'tags/members/batchunblacklist', { openid_list: [fs[3].openid, gone.openid] })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await isBlacklisted(herald.services.db, a.account.id, fs[3].openid)).toBe(false);
    expect((await a.call('POST', 'tags/members/getblacklist', {})).total).toBe(19);
  });

  it('blacklist errors: 40032 (1–20 openids), 40003 / 49003', async () => {
    const a = await account();
    const fs = await addFollowers(herald.database, a.account.id, 21);
    const other = await account();
    const stranger = await addFollower(herald.database, other.account.id);
    for (const api of ['tags/members/batchblacklist', 'tags/members/batchunblacklist']) {
      expectWxError(await a.call('POST', api, { openid_list: fs.map((f) => f.openid) }), 40032);
      expectWxError(await a.call('POST', api, { openid_list: [] }), 40032);
      expectWxError(await a.call('POST', api, {}), 40032);
      expectWxError(await a.call('POST', api, { openid_list: { a: 1 } }), 40032);
      expectWxError(await a.call('POST', api, { openid_list: [fs[0].openid, stranger.openid] }), 49003);
      expectWxError(await a.call('POST', api, { openid_list: [fs[0].openid, 'nope'] }), 40003);
    }
    expect((await a.call('POST', 'tags/members/getblacklist', {})).total).toBe(0);
    expectWxError(await a.call('POST', 'tags/members/getblacklist', { begin_openid: 'not an openid!' }), 40003);
    expectWxError(await a.call('POST', 'tags/members/getblacklist', { begin_openid: ['x'] }), 40003);
  });

  it('48001 on every tag and blacklist API for accounts without user management', async () => {
    const a = await account({ type: 'subscription', verified: false });
    const apis: Array<['GET' | 'POST', string]> = [
      ['POST', 'tags/create'], ['GET', 'tags/get'], ['POST', 'tags/update'], ['POST', 'tags/delete'],
      ['POST', 'tags/members/batchtagging'], ['POST', 'tags/members/batchuntagging'], ['POST', 'tags/getidlist'], ['POST', 'user/tag/get'],
      ['POST', 'tags/members/getblacklist'], ['POST', 'tags/members/batchblacklist'], ['POST', 'tags/members/batchunblacklist'],
    ];
    for (const [method, api] of apis) expectWxError(await a.call(method, api, method === 'POST' ? {} : undefined), 48001, 'api unauthorized');
  });

  it('hostile bodies on every tag and blacklist API answer WeChat errors, never a 500', async () => {
    const a = await account();
    await a.createTag('keep');
    const bodies: Array<string | Buffer> = [
      'not json', '[]', 'null', '"x"', '1e400', '{"tag":', '{'.repeat(60_000),
      '{"__proto__":{"tag":{"name":"x"}},"constructor":{"prototype":{"openid_list":["x"]}}}',
      JSON.stringify({ tag: { id: 1e308, name: 'x'.repeat(100_000) }, openid_list: Array.from({ length: 5000 }, (_, i) => `o${i}`), tagid: '1'.repeat(1000) }),
      JSON.stringify({ openid: 'x'.repeat(100_000), begin_openid: '\u0000', next_openid: '🙂', tagid: [[[[]]]] }),
      Buffer.from([0x7b, 0x22, 0x74, 0x61, 0x67, 0x22, 0x3a, 0xc3, 0x28, 0x7d]),
    ];
    const apis = [
      'tags/create', 'tags/update', 'tags/delete', 'tags/members/batchtagging', 'tags/members/batchuntagging', 'tags/getidlist',
      'user/tag/get', 'tags/members/getblacklist', 'tags/members/batchblacklist', 'tags/members/batchunblacklist', 'user/info/batchget',
      'user/info/updateremark',
    ];
    for (const api of apis) {
      for (const body of bodies) {
        const res = await herald.app.inject({
          method: 'POST',
          url: `/cgi-bin/${api}?access_token=${encodeURIComponent(a.token)}`,
          payload: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode, `${api} ${String(body).slice(0, 30)}`).toBe(200);
        const json = res.json() as WxBody;
        // getblacklist takes an empty body (JSON null counts as one): its answer is then the empty list.
        if (api === 'tags/members/getblacklist' && json.errcode === undefined) expect(json).toEqual({ total: 0, count: 0, next_openid: '' });
        else expect(json.errcode, `${api} ${String(body).slice(0, 30)} → ${res.body.slice(0, 120)}`).toBeGreaterThan(0);
      }
    }
    expect(await a.call('GET', 'tags/get')).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }, { id: 100, name: 'keep', count: 0 }] });
  });
});
