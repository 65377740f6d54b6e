import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../test/hostileBodies.js';
import { asDeveloper, phoneUser } from '../../../test/phoneFixtures.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describeEachDb('console API: comments (留言管理)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An operator's account with two published articles and two readers, one a follower. */
  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { account, appid, secret } = await makeAccount(h.services, { orgId: op.orgId, type: 'service', verified: true });
    const tea = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Tea', needOpenComment: 1 });
    const coffee = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Coffee', needOpenComment: 1 });
    const alice = await phoneUser(h.app, 'Alice');
    const bob = await phoneUser(h.app, 'Bob');
    await alice.client.post(`/accounts/${appid}/follow`);
    const base = `/console/api/accounts/${appid}`;
    return { op, client, account, appid, secret, tea: tea.article.id, coffee: coffee.article.id, teaMsg: tea.msgDataId!, alice, bob, base };
  }

  const comment = async (reader: Awaited<ReturnType<typeof phoneUser>>, articleId: string, content: string) => {
    const r = await reader.client.post(`/articles/${articleId}/comments`, { content });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json.comment as { id: number };
  };

  it('lists comments across and per article, with filters and search, newest first', async () => {
    const { client, base, tea, coffee, alice, bob } = await setup();
    const c1 = await comment(alice, tea, '好喝的茶');
    const c2 = await comment(bob, coffee, 'Strong coffee 100%');
    const c3 = await comment(bob, tea, 'Green or black?');

    const all = (await client.get(`${base}/comments`)).json as Json;
    expect(all.comments.map((c: Json) => c.id)).toEqual([c3.id, c2.id, c1.id]);
    expect(all.comments[2]).toMatchObject({ article_id: tea, article_title: 'Tea', content: '好喝的茶', featured: false, pinned: false, like_count: 0, reply: null });
    expect(all.comments[2].commenter).toMatchObject({ nickname: 'Alice', blocked: false });
    expect(all.comments[2].commenter.openid).toMatch(/^o/);
    expect(all.comments[1].commenter.openid).toBeNull();
    expect(Date.parse(all.comments[0].created_at)).toBeGreaterThan(0);

    expect(((await client.get(`${base}/comments?article=${tea}`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c3.id, c1.id]);
    expect(((await client.get(`${base}/comments?q=100%25`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c2.id]);
    expect(((await client.get(`${base}/comments?q=alice`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c1.id]);
    expect(((await client.get(`${base}/comments?q=_`)).json as Json).comments).toEqual([]);
    const page1 = (await client.get(`${base}/comments?limit=2`)).json as Json;
    expect(page1.comments.map((c: Json) => c.id)).toEqual([c3.id, c2.id]);
    expect(page1.next_before).toBe(c2.id);
    const page2 = (await client.get(`${base}/comments?limit=2&before=${page1.next_before}`)).json as Json;
    expect(page2).toEqual({ comments: [expect.objectContaining({ id: c1.id })], next_before: null });

    expect((await client.put(`${base}/comments/${tea}/${c1.id}/featured`, { featured: true })).status).toBe(200);
    expect(((await client.get(`${base}/comments?filter=featured`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c1.id]);
    expect(((await client.get(`${base}/comments?filter=normal`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c3.id, c2.id]);

    const articles = (await client.get(`${base}/comments/articles`)).json as Json;
    expect(articles.defaults).toEqual({ open: true, followers_only: false });
    expect(articles.articles.map((a: Json) => a.title).sort()).toEqual(['Coffee', 'Tea']);
    expect(articles.articles.find((a: Json) => a.id === tea)).toMatchObject({ open: true, followers_only: false, comment_count: 2 });
  });

  it('features, replies (once, editable, deletable), pins one per article, deletes: the phone shows it and the WeChat API agrees', async () => {
    const { client, base, tea, teaMsg, alice, bob, appid, secret } = await setup();
    const c1 = await comment(alice, tea, 'first');
    const c2 = await comment(alice, tea, 'second');
    const bobsView = async () => (await bob.client.get(`/articles/${tea}`)).json.comments as Json[];
    expect(await bobsView()).toEqual([]);

    expect((await client.put(`${base}/comments/${tea}/${c1.id}/featured`, { featured: true })).status).toBe(200);
    expect((await client.put(`${base}/comments/${tea}/${c1.id}/reply`, { content: '谢谢' })).status).toBe(200);
    expect(await bobsView()).toEqual([expect.objectContaining({ id: c1.id, featured: true, reply: expect.objectContaining({ content: '谢谢' }) })]);
    // A second write edits the one reply.
    expect((await client.put(`${base}/comments/${tea}/${c1.id}/reply`, { content: '  谢谢你  ' })).status).toBe(200);
    expect((await bobsView())[0].reply.content).toBe('谢谢你');

    const dev = await asDeveloper(h, appid, secret);
    const listed = await dev.post('/cgi-bin/comment/list', { msg_data_id: teaMsg, index: 0, begin: 0, count: 10, type: 2 });
    expect(listed).toMatchObject({ errcode: 0, total: 1, comment: [{ user_comment_id: c1.id, comment_type: 1, reply: { content: '谢谢你' } }] });
    // The API's featuring shows in the console.
    expect(await dev.post('/cgi-bin/comment/markelect', { msg_data_id: teaMsg, index: 0, user_comment_id: c2.id })).toMatchObject({ errcode: 0 });
    expect(((await client.get(`${base}/comments?filter=featured`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c2.id, c1.id]);

    // Pinning: one per article; the pinned comment shows first on the phone.
    expect((await client.put(`${base}/comments/${tea}/${c1.id}/pinned`, { pinned: true })).status).toBe(200);
    expect((await bobsView()).map((c) => c.id)).toEqual([c1.id, c2.id]);
    expect((await client.put(`${base}/comments/${tea}/${c2.id}/pinned`, { pinned: true })).status).toBe(200);
    const pinned = (((await client.get(`${base}/comments`)).json as Json).comments as Json[]).filter((c) => c.pinned).map((c) => c.id);
    expect(pinned).toEqual([c2.id]);
    expect((await client.put(`${base}/comments/${tea}/${c2.id}/pinned`, { pinned: false })).status).toBe(200);
    expect((((await client.get(`${base}/comments`)).json as Json).comments as Json[]).some((c) => c.pinned)).toBe(false);

    const del = await client.request('DELETE', `${base}/comments/${tea}/${c1.id}/reply`);
    expect(del.status).toBe(200);
    const again = await client.request('DELETE', `${base}/comments/${tea}/${c1.id}/reply`);
    expect(again.status).toBe(404);
    expect(again.json.error?.details).toEqual({ errcode: 88009 });
    expect((await bobsView()).find((c) => c.id === c1.id)?.reply).toBeNull();

    expect((await client.put(`${base}/comments/${tea}/${c1.id}/featured`, { featured: false })).status).toBe(200);
    expect((await bobsView()).map((c) => c.id)).toEqual([c2.id]);
    expect((await client.request('DELETE', `${base}/comments/${tea}/${c2.id}`)).status).toBe(200);
    expect(await bobsView()).toEqual([]);
    expect((await client.request('DELETE', `${base}/comments/${tea}/${c2.id}`)).status).toBe(404);
    expect((await client.put(`${base}/comments/${tea}/${c2.id}/reply`, { content: 'late' })).status).toBe(404);
    expect(((await client.get(`${base}/comments`)).json as Json).comments.map((c: Json) => c.id)).toEqual([c1.id]);
  });

  it('refuses empty and too-long replies with the API\'s errcode', async () => {
    const { client, base, tea, alice } = await setup();
    const c = await comment(alice, tea, 'hi');
    const empty = await client.put(`${base}/comments/${tea}/${c.id}/reply`, { content: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.json.error?.details).toEqual({ errcode: 88007 });
    expect((await client.put(`${base}/comments/${tea}/${c.id}/reply`, { content: '字'.repeat(601) })).status).toBe(400);
    expect((await client.put(`${base}/comments/${tea}/${c.id}/reply`, { content: '字'.repeat(600) })).status).toBe(200);
  });

  it('blocks a commenter from commenting on any of the account\'s articles, lists and unblocks them', async () => {
    const { client, base, tea, coffee, alice, bob } = await setup();
    const c = await comment(bob, tea, 'spam spam');
    expect((await client.post(`${base}/comments/${tea}/${c.id}/block`)).status).toBe(200);
    expect((await client.post(`${base}/comments/${tea}/${c.id}/block`)).status).toBe(200);
    const refused = await bob.client.post(`/articles/${coffee}/comments`, { content: 'more spam' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('comment_blocked');
    await comment(alice, coffee, 'still open for others');

    const listed = ((await client.get(`${base}/comments`)).json as Json).comments as Json[];
    expect(listed.find((x) => x.id === c.id)?.commenter.blocked).toBe(true);
    const blocked = ((await client.get(`${base}/comment-blocks`)).json as Json).blocked as Json[];
    expect(blocked).toEqual([expect.objectContaining({ nickname: 'Bob', openid: null })]);

    expect((await client.request('DELETE', `${base}/comment-blocks/${blocked[0].user_id}`)).status).toBe(200);
    expect((await client.request('DELETE', `${base}/comment-blocks/${blocked[0].user_id}`)).status).toBe(404);
    expect(((await client.get(`${base}/comment-blocks`)).json as Json).blocked).toEqual([]);
    await comment(bob, coffee, 'sorry');
  });

  it('sets per-article settings and the account default; closed and followers-only articles refuse comments', async () => {
    const { client, base, tea, alice, bob } = await setup();
    expect((await client.put(`${base}/comments/articles/${tea}`, { open: true, followers_only: true })).status).toBe(200);
    expect((await bob.client.post(`/articles/${tea}/comments`, { content: 'x' })).json.error.code).toBe('followers_only');
    await comment(alice, tea, 'as a follower');
    expect((await client.put(`${base}/comments/articles/${tea}`, { open: false, followers_only: true })).status).toBe(200);
    expect((await alice.client.post(`/articles/${tea}/comments`, { content: 'x' })).json.error.code).toBe('comments_closed');
    const art = (((await client.get(`${base}/comments/articles`)).json as Json).articles as Json[]).find((a) => a.id === tea);
    expect(art).toMatchObject({ open: false, followers_only: false });
    expect((await bob.client.get(`/articles/${tea}`)).json.article).toMatchObject({ commentsEnabled: false });

    const saved = await client.put(`${base}/comments/defaults`, { open: true, followers_only: true });
    expect(saved.json).toEqual({ defaults: { open: true, followers_only: true } });
    expect(((await client.get(`${base}/comments/articles`)).json as Json).defaults).toEqual({ open: true, followers_only: true });
    expect((await client.get(`${base}/comments/defaults`)).json).toEqual({ defaults: { open: true, followers_only: true } });
    expect(((await client.put(`${base}/comments/defaults`, { open: false, followers_only: true })).json as Json).defaults).toEqual({ open: false, followers_only: false });
  });

  it('keeps other organizations and other accounts out', async () => {
    const { base, tea, alice } = await setup();
    const c = await comment(alice, tea, 'mine');
    const other = await signedInOperator(h.app, h.services);
    expect((await other.client.get(`${base}/comments`)).status).toBe(404);
    expect((await other.client.put(`${base}/comments/${tea}/${c.id}/featured`, { featured: true })).status).toBe(404);
    expect((await other.client.request('DELETE', `${base}/comments/${tea}/${c.id}`)).status).toBe(404);
    // The operator's own second account cannot reach the first account's article.
    const mine = await makeAccount(h.services, { orgId: other.op.orgId });
    const mineBase = `/console/api/accounts/${mine.appid}`;
    expect((await other.client.put(`${mineBase}/comments/${tea}/${c.id}/featured`, { featured: true })).status).toBe(404);
    expect((await other.client.put(`${mineBase}/comments/articles/${tea}`, { open: false, followers_only: false })).status).toBe(404);
    expect((await other.client.post(`${mineBase}/comments/${tea}/${c.id}/block`)).status).toBe(404);
    expect(((await other.client.get(`${mineBase}/comments?article=${tea}`)).json as Json).comments).toEqual([]);
  });

  it('refuses malformed ids, queries and bodies with a 4xx, never a 500', async () => {
    const { client, base, tea, alice } = await setup();
    const c = await comment(alice, tea, 'target');
    for (const q of ['filter=bogus', 'limit=0', 'limit=101', 'limit=abc', 'before=-1', 'before=1e999', 'article=../x', `q=${'x'.repeat(101)}`, 'q=%00']) {
      const r = await client.get(`${base}/comments?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error?.code, q).toBe('invalid_request');
    }
    // Bytes that are not UTF-8 decode to U+FFFD: a search that finds nothing.
    expect(((await client.get(`${base}/comments?q=%ED%A0%80`)).json as Json).comments).toEqual([]);
    for (const [articleId, commentId] of [[tea, '0'], [tea, '-1'], [tea, '1.5'], [tea, 'abc'], [tea, '99999999999999999999'], ['%2E%2E', String(c.id)], ['a'.repeat(200), String(c.id)], ['nope', String(c.id)], [tea, '999999']]) {
      const r = await client.put(`${base}/comments/${articleId}/${commentId}/featured`, { featured: true });
      expect(r.status, `${articleId}/${commentId}`).toBe(404);
      expect((await client.request('DELETE', `${base}/comments/${articleId}/${commentId}`)).status).toBe(404);
      expect((await client.post(`${base}/comments/${articleId}/${commentId}/block`)).status).toBe(404);
    }
    for (const bad of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1'%20or%201=1"]) {
      expect((await client.request('DELETE', `${base}/comment-blocks/${bad}`)).status, bad).toBe(404);
    }
    for (const body of [{ featured: 'yes' }, { featured: true, extra: 1 }, {}]) {
      expect((await client.put(`${base}/comments/${tea}/${c.id}/featured`, body)).status).toBe(400);
    }
    for (const body of [{ content: 'a\u0000b' }, { content: 5 }, { content: 'x'.repeat(1201) }, { content: '\ud800' }]) {
      expect((await client.put(`${base}/comments/${tea}/${c.id}/reply`, body)).status).toBe(400);
    }
    for (const url of [`${base}/comments/${tea}/${c.id}/featured`, `${base}/comments/${tea}/${c.id}/pinned`, `${base}/comments/${tea}/${c.id}/reply`, `${base}/comments/articles/${tea}`, `${base}/comments/defaults`]) {
      await expectHostileBodiesRefused(client, 'PUT', url);
    }
    // Nothing changed on the comment.
    expect(((await client.get(`${base}/comments`)).json as Json).comments[0]).toMatchObject({ id: c.id, featured: false, pinned: false, reply: null });
  });
});
