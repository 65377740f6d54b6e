import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { asDeveloper, phoneUser } from '../../../test/phoneFixtures.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { expectWxError, wxCall } from '../../../test/wxClient.js';
import { findArticle } from '../articles/store/articles.js';

/** co-wechat-api has no comment functions, so these calls go through raw HTTP. */
describeEachDb('WeChat API: article comments', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An account with a published group of two articles, a developer client, and followers who comment. */
  async function setup() {
    const { account, appid, secret } = await makeAccount(h.services, { type: 'service', verified: true });
    const made = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1, more: [{ needOpenComment: 0 }] });
    const dev = await asDeveloper(h, appid, secret);
    const alice = await phoneUser(h.app, 'Alice');
    const bob = await phoneUser(h.app, 'Bob');
    await alice.client.post(`/accounts/${appid}/follow`);
    return { account, appid, dev, made, msgDataId: made.msgDataId!, alice, bob };
  }

  it('lists comments with openids, features them, replies and deletes, as WeChat answers', async () => {
    const { dev, made, msgDataId, alice, bob, account } = await setup();
    const id = made.article.id;
    const c1 = (await alice.client.post(`/articles/${id}/comments`, { content: 'first!' })).json.comment;
    const c2 = (await bob.client.post(`/articles/${id}/comments`, { content: 'second' })).json.comment;
    const c3 = (await alice.client.post(`/articles/${id}/comments`, { content: 'third' })).json.comment;

    const all = await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, index: 0, begin: 0, count: 50, type: 0 });
    expect(all).toMatchObject({ errcode: 0, errmsg: 'ok', total: 3 });
    const list = all.comment as Record<string, unknown>[];
    expect(list.map((c) => c.user_comment_id)).toEqual([c1.id, c2.id, c3.id]);
    expect(list[0]).toMatchObject({ content: 'first!', comment_type: 0 });
    expect(String(list[0].openid)).toMatch(/^o[\w-]{27}$/);
    expect(list[1].openid).toBe(''); // Bob never followed: no openid with this account.
    expect(typeof list[0].create_time).toBe('number');
    expect(list[0].reply).toBeUndefined();

    expect(await dev.post('/cgi-bin/comment/markelect', { msg_data_id: msgDataId, index: 0, user_comment_id: c2.id })).toMatchObject({ errcode: 0 });
    expect(await dev.post('/cgi-bin/comment/markelect', { msg_data_id: String(msgDataId), user_comment_id: String(c2.id) })).toMatchObject({ errcode: 0 });
    expect(await dev.post('/cgi-bin/comment/reply/add', { msg_data_id: msgDataId, index: 0, user_comment_id: c2.id, content: 'Thanks, Bob' })).toMatchObject({ errcode: 0 });
    expectWxError(await dev.post('/cgi-bin/comment/reply/add', { msg_data_id: msgDataId, index: 0, user_comment_id: c2.id, content: 'again' }), 88005, 'already reply');

    const featured = await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, index: 0, begin: 0, count: 10, type: 2 });
    expect(featured.total).toBe(1);
    expect((featured.comment as Record<string, unknown>[])[0]).toMatchObject({ user_comment_id: c2.id, comment_type: 1, reply: { content: 'Thanks, Bob' } });
    const normal = await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 1, count: 1, type: 1 });
    expect(normal.total).toBe(2);
    expect((normal.comment as Record<string, unknown>[]).map((c) => c.user_comment_id)).toEqual([c3.id]);

    // Readers now see the featured comment and its reply, on the page and in the phone.
    const page = await h.app.inject({ method: 'GET', url: `/s/${id}`, headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(page.body).toContain('second');
    expect(page.body).toContain('Thanks, Bob');
    const seen = (await alice.client.get(`/articles/${id}`)).json.comments.map((c: { content: string }) => c.content).sort();
    expect(seen).toEqual(['first!', 'second', 'third']);

    expect(await dev.post('/cgi-bin/comment/reply/delete', { msg_data_id: msgDataId, index: 0, user_comment_id: c2.id })).toMatchObject({ errcode: 0 });
    expectWxError(await dev.post('/cgi-bin/comment/reply/delete', { msg_data_id: msgDataId, index: 0, user_comment_id: c2.id }), 88009, 'reply is not exists');
    expect(await dev.post('/cgi-bin/comment/unmarkelect', { msg_data_id: msgDataId, index: 0, user_comment_id: c2.id })).toMatchObject({ errcode: 0 });
    expect((await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 0, count: 10, type: 2 })).total).toBe(0);

    expect(await dev.post('/cgi-bin/comment/delete', { msg_data_id: msgDataId, index: 0, user_comment_id: c1.id })).toMatchObject({ errcode: 0 });
    expectWxError(await dev.post('/cgi-bin/comment/delete', { msg_data_id: msgDataId, index: 0, user_comment_id: c1.id }), 88008, 'comment is not exists');
    expectWxError(await dev.post('/cgi-bin/comment/markelect', { msg_data_id: msgDataId, index: 0, user_comment_id: c1.id }), 88004, 'comment was deleted by user');
    expect((await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 0, count: 10, type: 0 })).total).toBe(2);
    expect((await findArticle(h.services.db, id))?.commentCount).toBe(2);
    expect((await alice.client.get(`/articles/${id}`)).json.comments.map((c: { content: string }) => c.content)).toEqual(['third']);
    expect(account.id).toBeTruthy();
  });

  it('opens and closes comments per article by 0-based index', async () => {
    const { dev, made, msgDataId, alice } = await setup();
    const second = made.articles[1].id;
    expect((await alice.client.post(`/articles/${second}/comments`, { content: 'x' })).json.error.code).toBe('comments_closed');
    expect(await dev.post('/cgi-bin/comment/open', { msg_data_id: msgDataId, index: 1 })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect((await findArticle(h.services.db, second))?.needOpenComment).toBe(1);
    expect((await alice.client.post(`/articles/${second}/comments`, { content: 'now open' })).status).toBe(201);
    expect(await dev.post('/cgi-bin/comment/close', { msg_data_id: msgDataId, index: 1 })).toMatchObject({ errcode: 0 });
    expect((await alice.client.post(`/articles/${second}/comments`, { content: 'closed again' })).json.error.code).toBe('comments_closed');
    expect(await dev.post('/cgi-bin/comment/close', { msg_data_id: msgDataId })).toMatchObject({ errcode: 0 });
    expect((await findArticle(h.services.db, made.article.id))?.needOpenComment).toBe(0);
  });

  it('answers WeChat\'s errcodes for unknown articles and comments, bad counts and another account\'s articles', async () => {
    const { dev, made, msgDataId, alice } = await setup();
    const c = (await alice.client.post(`/articles/${made.article.id}/comments`, { content: 'hello' })).json.comment;
    expectWxError(await dev.post('/cgi-bin/comment/open', { msg_data_id: 1, index: 0 }), 88001, 'msg_data is not exists');
    expectWxError(await dev.post('/cgi-bin/comment/open', { msg_data_id: msgDataId, index: 2 }), 88001);
    expectWxError(await dev.post('/cgi-bin/comment/open', {}), 88001);
    for (const count of [0, 51, -1]) expectWxError(await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 0, count, type: 0 }), 88010, 'count range error. cout <= 0 or count > 50');
    expectWxError(await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 0, type: 0 }), 88010);
    expectWxError(await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 0, count: 5, type: 3 }), 47001);
    expectWxError(await dev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: -5, count: 5, type: 0 }), 47001);
    expectWxError(await dev.post('/cgi-bin/comment/markelect', { msg_data_id: msgDataId, index: 0, user_comment_id: 999999999 }), 88008);
    expectWxError(await dev.post('/cgi-bin/comment/markelect', { msg_data_id: msgDataId, index: 0 }), 88008);
    // A comment on the lead article does not exist on the second one.
    expectWxError(await dev.post('/cgi-bin/comment/delete', { msg_data_id: msgDataId, index: 1, user_comment_id: c.id }), 88008);
    for (const content of ['', '   ', 'x'.repeat(601)]) {
      expectWxError(await dev.post('/cgi-bin/comment/reply/add', { msg_data_id: msgDataId, index: 0, user_comment_id: c.id, content }), 88007, 'reply content beyond max len or content len is zero');
    }
    expectWxError(await dev.post('/cgi-bin/comment/reply/add', { msg_data_id: msgDataId, index: 0, user_comment_id: c.id }), 88007);

    // Another account cannot reach this account's articles, even knowing the msg_data_id.
    const other = await makeAccount(h.services, { type: 'service', verified: true });
    const otherDev = await asDeveloper(h, other.appid, other.secret);
    expectWxError(await otherDev.post('/cgi-bin/comment/list', { msg_data_id: msgDataId, begin: 0, count: 5, type: 0 }), 88001);
    expectWxError(await otherDev.post('/cgi-bin/comment/delete', { msg_data_id: msgDataId, index: 0, user_comment_id: c.id }), 88001);

    // Unverified accounts have no comment privilege.
    const plain = await makeAccount(h.services, { type: 'subscription', verified: false });
    const plainDev = await asDeveloper(h, plain.appid, plain.secret);
    expectWxError(await plainDev.post('/cgi-bin/comment/open', { msg_data_id: msgDataId, index: 0 }), 88000, 'without comment privilege');

    // Unpublished groups have no msg_data_id to address.
    expect((await findArticle(h.services.db, made.article.id))?.commentCount).toBe(1);
  });

  it('refuses hostile bodies with WeChat errors, never a system error', async () => {
    const { dev, msgDataId } = await setup();
    const paths = ['open', 'close', 'list', 'markelect', 'unmarkelect', 'delete', 'reply/add', 'reply/delete'].map((p) => `/cgi-bin/comment/${p}`);
    const bodies: unknown[] = [
      '', 'null', '[]', '"x"', '{', '{"msg_data_id":', JSON.stringify({ msg_data_id: { $gt: 0 } }), JSON.stringify({ msg_data_id: [msgDataId] }),
      JSON.stringify({ msg_data_id: 1e308, index: -1 }), JSON.stringify({ msg_data_id: msgDataId, index: 'a' }), JSON.stringify({ msg_data_id: '9'.repeat(40) }),
      JSON.stringify({ msg_data_id: msgDataId, user_comment_id: 'x; drop table articles' }), JSON.stringify({ msg_data_id: msgDataId, user_comment_id: 1, content: { a: 1 } }),
      JSON.stringify({ msg_data_id: msgDataId, user_comment_id: 1, content: 'a\u0000b' }), JSON.stringify({ msg_data_id: msgDataId, begin: 'x', count: 'y', type: [] }),
      JSON.stringify({ msg_data_id: msgDataId, user_comment_id: 1, content: 'x'.repeat(20_000) }),
    ];
    for (const path of paths) {
      for (const body of bodies) {
        const r = await dev.post(path, body);
        expect(typeof r.errcode, `${path} ${String(body).slice(0, 40)}`).toBe('number');
        expect(r.errcode, `${path} ${String(body).slice(0, 40)}: ${JSON.stringify(r)}`).not.toBe(-1);
        // open/close ignore keys they do not take, so a valid msg_data_id with junk beside it succeeds.
        if (!(typeof body === 'string' && body.includes(`"msg_data_id":${msgDataId},"`) && !body.includes('"index"') && /open|close/.test(path))) expect(r.errcode, `${path} ${String(body).slice(0, 60)}`).not.toBe(0);
      }
      expectWxError(await wxCall(h, 'GET', `${path}?access_token=${encodeURIComponent(dev.token)}`), 43002);
      expectWxError(await wxCall(h, 'POST', path, { body: {} }), 41001);
    }
  });
});
