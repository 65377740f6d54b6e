import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { createFollowerUser, type FollowerUserInput } from '../commands/followerUserCreator.js';
import { followAccount } from '../commands/followAccount.js';
import { unfollowAccount } from '../commands/unfollowAccount.js';
import { createTag } from '../commands/tagCreator.js';
import { isBlacklisted } from '../store/blacklist.js';
import { tagIdsOf } from '../store/tags.js';
import { MAX_TAGS } from '../rules/audience.js';

type Follower = {
  openid: string;
  nickname: string;
  region: string;
  language: string;
  remark: string;
  tags: Array<{ id: number; name: string }>;
  blacklisted: boolean;
  subscribed: boolean;
  subscribe_time: string;
  subscribe_scene: string;
};
type Page = { followers: Follower[]; total: number; next_cursor: string | null };
type Tag = { id: number; name: string; count: number; system: boolean };

describeEachDb('console followers, tags and blacklist API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function follower(appid: string, profile: FollowerUserInput, scene?: string): Promise<string> {
    const user = await createFollowerUser(h.services, profile);
    return followAccount(h.services, user.id, appid, { scene });
  }

  async function mine() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    const base = `/console/api/accounts/${acc.appid}`;
    return { op, client, ...acc, base };
  }

  const list = async (client: ConsoleClient, base: string, query = '') => {
    const r = await client.get(`${base}/followers${query}`);
    expect(r.status, r.body).toBe(200);
    return r.json as unknown as Page;
  };

  it('lists followers newest first with their profile, and searches nickname, remark and openid', async () => {
    const { client, base, appid } = await mine();
    const mei = await follower(appid, { nickname: 'Li Mei', country: 'China', province: 'Guangdong', city: 'Shenzhen', language: 'zh_CN' }, 'ADD_SCENE_QR_CODE');
    h.services.clock.advance(1000);
    const tom = await follower(appid, { nickname: 'Tom 100%_real', language: 'en' });
    h.services.clock.advance(1000);
    const wei = await follower(appid, { nickname: '王伟' });
    // Someone else's follower never shows.
    const elsewhere = await makeAccount(h.services);
    await follower(elsewhere.appid, { nickname: 'Li Mei' });

    const all = await list(client, base);
    expect(all.total).toBe(3);
    expect(all.followers.map((f) => f.openid)).toEqual([wei, tom, mei]);
    expect(all.followers[2]).toMatchObject({
      nickname: 'Li Mei',
      region: 'China · Guangdong · Shenzhen',
      language: 'zh_CN',
      subscribed: true,
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      remark: '',
      tags: [],
      blacklisted: false,
    });
    expect(new Date(all.followers[2].subscribe_time).getTime()).toBeLessThanOrEqual(h.services.clock.nowMs());

    expect((await list(client, base, '?q=li%20mei')).followers.map((f) => f.openid)).toEqual([mei]);
    expect((await list(client, base, `?q=${mei}`)).followers.map((f) => f.openid)).toEqual([mei]);
    expect((await list(client, base, '?q=%E7%8E%8B')).followers.map((f) => f.openid)).toEqual([wei]);
    // LIKE wildcards are literal.
    expect((await list(client, base, '?q=100%25_')).followers.map((f) => f.openid)).toEqual([tom]);
    expect((await list(client, base, '?q=%25')).followers.map((f) => f.openid)).toEqual([tom]);
    expect((await list(client, base, '?q=_')).followers.map((f) => f.openid)).toEqual([tom]);

    const remark = await client.put(`${base}/followers/${tom}/remark`, { remark: 'Regular customer' });
    expect(remark.status).toBe(200);
    expect((await list(client, base, '?q=regular')).followers.map((f) => f.openid)).toEqual([tom]);

    // Someone who unfollows leaves the list.
    const user = await createFollowerUser(h.services, { nickname: 'Gone' });
    const gone = await followAccount(h.services, user.id, appid);
    await unfollowAccount(h.services, user.id, appid);
    expect((await list(client, base)).followers.map((f) => f.openid)).not.toContain(gone);
  });

  it('pages with a cursor and a limit', async () => {
    const { client, base, appid } = await mine();
    const openids: string[] = [];
    for (let i = 0; i < 7; i++) openids.push(await follower(appid, { nickname: `Reader ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: Page = await list(client, base, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(7);
      expect(page.followers.length).toBeLessThanOrEqual(3);
      seen.push(...page.followers.map((f) => f.openid));
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...openids].sort());

    for (const q of ['?limit=abc', '?limit=-1', '?limit=1000', '?tag=x', '?tag=1e3', '?blacklisted=maybe', `?q=${'x'.repeat(65)}`, '?q=%00', '?q=a&q=b']) {
      const r = await client.get(`${base}/followers${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error?.code, q).toBe('invalid_request');
    }
    for (const c of ['nonsense', Buffer.from('1:x').toString('base64url'), Buffer.from(`${'9'.repeat(20)}:oabcdef`).toString('base64url'), '%00']) {
      const r = await client.get(`${base}/followers?cursor=${encodeURIComponent(c)}`);
      expect(r.status, c).toBe(400);
    }
    expect((await list(client, base, '?limit=0')).followers).toHaveLength(1);
  });

  it('edits remarks with the API’s limit and errcodes', async () => {
    const { client, base, appid } = await mine();
    const openid = await follower(appid, { nickname: 'Ann' });
    const tooLong = await client.put(`${base}/followers/${openid}/remark`, { remark: 'r'.repeat(30) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toMatchObject({ code: 'invalid_remark', message: 'A remark must be shorter than 30 characters. (40092)', details: { errcode: 40092 } });
    expect((await client.put(`${base}/followers/${openid}/remark`, { remark: '备注'.repeat(14) })).status).toBe(200);

    const stranger = await makeAccount(h.services);
    const theirs = await follower(stranger.appid, { nickname: 'Not mine' });
    for (const id of [theirs, 'oUnknownOpenid0000000000000', 'x', '%00', 'o'.repeat(300)]) {
      const r = await client.put(`${base}/followers/${encodeURIComponent(id)}/remark`, { remark: 'x' });
      expect(r.status, id).toBe(400);
      expect(r.json.error?.code).toBe('not_a_follower');
    }
    expect((await client.put(`${base}/followers/${openid}/remark`, { remark: 'a\u0000b' })).status).toBe(400);
    expect((await client.put(`${base}/followers/${openid}/remark`, { remark: 5 })).status).toBe(400);
  });

  it('creates, renames and deletes tags, tags followers in bulk and filters by tag', async () => {
    const { client, base, appid, account } = await mine();
    const a = await follower(appid, { nickname: 'A' });
    const b = await follower(appid, { nickname: 'B' });
    const c = await follower(appid, { nickname: 'C' });

    const created = await client.post(`${base}/tags`, { name: '  VIP  ' });
    expect(created.status).toBe(201);
    const vip = (created.json.tag as { id: number; name: string });
    expect(vip).toEqual({ id: 100, name: 'VIP' });
    const dup = await client.post(`${base}/tags`, { name: 'VIP' });
    expect(dup.status).toBe(400);
    expect(dup.json.error?.code).toBe('invalid_tag_name');
    expect(dup.json.error?.details?.errcode).toBe(45157);
    const long = await client.post(`${base}/tags`, { name: '标签'.repeat(6) });
    expect(long.json.error?.code).toBe('tag_name_too_long');
    expect((await client.post(`${base}/tags`, { name: '星标组' })).json.error?.code).toBe('invalid_tag_name');

    const tagged = await client.post(`${base}/followers/tagging`, { openids: [a, b], tag_id: vip.id, action: 'add' });
    expect(tagged.status).toBe(200);
    expect((await tagIdsOf(h.services.db, account.id, [a, b, c])).get(a)).toEqual([vip.id]);

    const filtered = await list(client, base, `?tag=${vip.id}`);
    expect(filtered.followers.map((f) => f.openid).sort()).toEqual([a, b].sort());
    expect(filtered.followers[0].tags).toEqual([{ id: vip.id, name: 'VIP' }]);

    const tags = await client.get(`${base}/tags`);
    expect(tags.json).toMatchObject({ followers: 3, blacklisted: 0 });
    expect(tags.json.tags as Tag[]).toEqual([
      { id: 2, name: '星标组', system: true, count: 0 },
      { id: vip.id, name: 'VIP', system: false, count: 2 },
    ]);

    const renamed = await client.put(`${base}/tags/${vip.id}`, { name: 'Gold' });
    expect(renamed.status).toBe(200);
    expect((await list(client, base, `?tag=${vip.id}`)).followers[0].tags[0].name).toBe('Gold');
    expect((await client.put(`${base}/tags/2`, { name: 'Stars' })).json.error?.code).toBe('system_tag');
    expect((await client.put(`${base}/tags/999`, { name: 'x' })).json.error?.code).toBe('tag_not_found');
    expect((await client.put(`${base}/tags/abc`, { name: 'x' })).json.error?.code).toBe('tag_not_found');

    const untag = await client.post(`${base}/followers/tagging`, { openids: [a], tag_id: vip.id, action: 'remove' });
    expect(untag.status).toBe(200);
    expect((await list(client, base, `?tag=${vip.id}`)).followers.map((f) => f.openid)).toEqual([b]);

    // The API's batch and membership rules.
    const tooMany = await client.post(`${base}/followers/tagging`, { openids: Array.from({ length: 51 }, () => a), tag_id: vip.id, action: 'add' });
    expect(tooMany.json.error).toMatchObject({ code: 'invalid_selection', details: { errcode: 40032 } });
    expect(tooMany.json.error?.message).toContain('1 to 50');
    expect((await client.post(`${base}/followers/tagging`, { openids: [], tag_id: vip.id, action: 'add' })).json.error?.code).toBe('invalid_selection');
    expect((await client.post(`${base}/followers/tagging`, { openids: [a], tag_id: 12345, action: 'add' })).json.error?.code).toBe('tag_not_found');
    const stranger = await makeAccount(h.services);
    const theirs = await follower(stranger.appid, { nickname: 'Other' });
    expect((await client.post(`${base}/followers/tagging`, { openids: [a, theirs], tag_id: vip.id, action: 'add' })).json.error?.code).toBe('not_a_follower');
    expect((await client.post(`${base}/followers/tagging`, { openids: [a], tag_id: vip.id, action: 'toggle' })).status).toBe(400);

    expect((await client.request('DELETE', `${base}/tags/${vip.id}`)).status).toBe(200);
    expect((await list(client, base, `?tag=${vip.id}`)).total).toBe(0);
    expect((await client.request('DELETE', `${base}/tags/${vip.id}`)).json.error?.code).toBe('tag_not_found');
    expect((await client.request('DELETE', `${base}/tags/1`)).json.error?.code).toBe('system_tag');
  });

  it('stops at 100 tags, as tags/create', async () => {
    const { client, base, account } = await mine();
    for (let i = 0; i < MAX_TAGS; i++) await createTag(h.services, account.id, `t${i}`);
    const r = await client.post(`${base}/tags`, { name: 'one more' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'too_many_tags', details: { errcode: 45056 } });
  });

  it('blacklists and releases followers, and filters by the blacklist', async () => {
    const { client, base, appid, account } = await mine();
    const a = await follower(appid, { nickname: 'A' });
    const b = await follower(appid, { nickname: 'B' });
    const r = await client.post(`${base}/followers/blacklist`, { openids: [a], action: 'add' });
    expect(r.status).toBe(200);
    expect(await isBlacklisted(h.services.db, account.id, a)).toBe(true);

    const all = await list(client, base);
    expect(all.followers.find((f) => f.openid === a)?.blacklisted).toBe(true);
    expect((await list(client, base, '?blacklisted=true')).followers.map((f) => f.openid)).toEqual([a]);
    expect((await list(client, base, '?blacklisted=false')).followers.map((f) => f.openid)).toEqual([b]);
    expect((await client.get(`${base}/tags`)).json.blacklisted).toBe(1);

    const tooMany = await client.post(`${base}/followers/blacklist`, { openids: Array.from({ length: 21 }, () => a), action: 'add' });
    expect(tooMany.json.error?.message).toContain('1 to 20');
    expect((await client.post(`${base}/followers/blacklist`, { openids: ['nobody'], action: 'add' })).json.error?.code).toBe('not_a_follower');

    expect((await client.post(`${base}/followers/blacklist`, { openids: [a], action: 'remove' })).status).toBe(200);
    expect(await isBlacklisted(h.services.db, account.id, a)).toBe(false);
    expect((await list(client, base, '?blacklisted=true')).total).toBe(0);
  });

  it('needs a session, CSRF on writes, and an account of the operator’s organization', async () => {
    const { client, base, appid } = await mine();
    const a = await follower(appid, { nickname: 'A' });
    await client.post(`${base}/tags`, { name: 'VIP' });
    expect((await h.app.inject({ method: 'GET', url: `${base}/followers` })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: `${base}/tags` })).statusCode).toBe(401);
    const writes: Array<['POST' | 'PUT' | 'DELETE', string, unknown]> = [
      ['PUT', `${base}/followers/${a}/remark`, { remark: 'x' }],
      ['POST', `${base}/followers/tagging`, { openids: [a], tag_id: 100, action: 'add' }],
      ['POST', `${base}/followers/blacklist`, { openids: [a], action: 'add' }],
      ['POST', `${base}/tags`, { name: 'New' }],
      ['PUT', `${base}/tags/100`, { name: 'New' }],
      ['DELETE', `${base}/tags/100`, undefined],
    ];
    for (const [method, url, body] of writes) {
      const r = await h.app.inject({
        method,
        url,
        headers: { cookie: `herald_session=${client.cookie}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        payload: body ? JSON.stringify(body) : undefined,
      });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().error.code).toBe('csrf');
    }
    const other = await signedInOperator(h.app, h.services);
    for (const [method, url, body] of [['GET', `${base}/followers`, undefined], ['GET', `${base}/tags`, undefined], ...writes] as const) {
      const r = await other.client.request(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    // Nothing changed.
    const page = await list(client, base);
    expect(page.followers[0]).toMatchObject({ remark: '', tags: [], blacklisted: false });
    expect(((await client.get(`${base}/tags`)).json.tags as Tag[]).map((t) => t.name)).toEqual(['星标组', 'VIP']);
  });

  it('answers malformed and hostile bodies with 4xx, never 500', async () => {
    const { client, base, appid } = await mine();
    const a = await follower(appid, { nickname: 'A' });
    await client.post(`${base}/tags`, { name: 'VIP' });
    await expectHostileBodiesRefused(client, 'PUT', `${base}/followers/${a}/remark`);
    await expectHostileBodiesRefused(client, 'POST', `${base}/followers/tagging`);
    await expectHostileBodiesRefused(client, 'POST', `${base}/followers/blacklist`);
    await expectHostileBodiesRefused(client, 'POST', `${base}/tags`);
    await expectHostileBodiesRefused(client, 'PUT', `${base}/tags/100`);
    const page = await list(client, base);
    expect(page.followers[0]).toMatchObject({ remark: '', tags: [], blacklisted: false });
    expect(((await client.get(`${base}/tags`)).json.tags as Tag[]).map((t) => t.name)).toEqual(['星标组', 'VIP']);
  });
});
