import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { phoneClient, phoneUser } from '../../../test/phoneFixtures.js';
import { HOSTILE_BODIES } from '../../../test/hostileBodies.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { findArticle } from '../articles/store/articles.js';
import { setElected } from './store/articleComments.js';

describeEachDb('phone API: reading articles', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const count = async (q: ReturnType<typeof sql>) => (await h.database.rows<{ n: number }>(q))[0].n;

  it('shows an article with its counters and the reader\'s own state', async () => {
    const { account, appid } = await makeAccount(h.services, { name: 'Daily News' });
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Hello', author: 'Ann', original: true, donationsEnabled: true, needOpenComment: 1, onlyFansCanComment: 1 });
    const { client } = await phoneUser(h.app);
    const res = await client.get(`/articles/${article.id}`);
    expect(res.status, res.body).toBe(200);
    expect(res.json.article).toMatchObject({
      id: article.id, title: 'Hello', author: 'Ann', accountName: 'Daily News', appid,
      readCount: 0, likeCount: 0, wowCount: 0, shareCount: 0, commentCount: 0, liked: false, wowed: false,
      original: true, donationsEnabled: true, commentsEnabled: true, onlyFansCanComment: true, following: false,
    });
    expect(typeof res.json.article.publishedAt).toBe('string');
    expect(res.json.comments).toEqual([]);
  });

  it('keeps like and wow idempotent and their counters exact, even when requests race', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id });
    const a = await phoneUser(h.app);
    const b = await phoneUser(h.app);
    const likes = await Promise.all(Array.from({ length: 8 }, () => a.client.post(`/articles/${article.id}/like`, { on: true })));
    for (const r of likes) expect(r.status, r.body).toBe(200);
    expect((await b.client.post(`/articles/${article.id}/like`, { on: true })).json).toMatchObject({ liked: true, likeCount: 2, wowCount: 0 });
    expect((await a.client.post(`/articles/${article.id}/wow`, { on: true })).json).toMatchObject({ wowed: true, likeCount: 2, wowCount: 1 });
    const offs = await Promise.all(Array.from({ length: 5 }, () => a.client.post(`/articles/${article.id}/like`, { on: false })));
    expect(offs.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await a.client.post(`/articles/${article.id}/like`, { on: false })).json).toMatchObject({ liked: false, likeCount: 1 });
    const row = await findArticle(h.services.db, article.id);
    expect([row?.likeCount, row?.wowCount]).toEqual([1, 1]);
    expect(await count(sql`select count(*)::int as n from article_reactions where article_id = ${article.id}`)).toBe(2);
    const view = await a.client.get(`/articles/${article.id}`);
    expect(view.json.article).toMatchObject({ liked: false, wowed: true, likeCount: 1, wowCount: 1 });
  });

  it('takes comments only when open, and only from followers when the article says so', async () => {
    const { account, appid } = await makeAccount(h.services, { name: 'Fans Club' });
    const closed = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 0 });
    const fansOnly = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1, onlyFansCanComment: 1 });
    const open = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1 });
    const { client } = await phoneUser(h.app);

    const c1 = await client.post(`/articles/${closed.article.id}/comments`, { content: 'hi' });
    expect([c1.status, c1.json.error.code]).toEqual([403, 'comments_closed']);
    const c2 = await client.post(`/articles/${fansOnly.article.id}/comments`, { content: 'hi' });
    expect([c2.status, c2.json.error.code]).toEqual([403, 'followers_only']);
    expect(c2.json.error.message).toContain('Fans Club');
    const c3 = await client.post(`/articles/${open.article.id}/comments`, { content: 'Anyone may comment here' });
    expect(c3.status, c3.body).toBe(201);
    expect(c3.json.comment).toMatchObject({ content: 'Anyone may comment here', featured: false, mine: true, reply: null });

    await client.post(`/accounts/${appid}/follow`);
    const c4 = await client.post(`/articles/${fansOnly.article.id}/comments`, { content: '  Followers welcome  ' });
    expect(c4.status, c4.body).toBe(201);
    expect(c4.json.comment.content).toBe('Followers welcome');
    await client.post(`/accounts/${appid}/unfollow`);
    const c5 = await client.post(`/articles/${fansOnly.article.id}/comments`, { content: 'after unfollowing' });
    expect([c5.status, c5.json.error.code]).toEqual([403, 'followers_only']);
    expect((await findArticle(h.services.db, fansOnly.article.id))?.commentCount).toBe(1);
  });

  it('checks comment length in characters, 1 to 600', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1 });
    const { client } = await phoneUser(h.app);
    for (const content of ['', '   ', '\n\t', 'x'.repeat(601), '好'.repeat(601)]) {
      const r = await client.post(`/articles/${article.id}/comments`, { content });
      expect(r.status, JSON.stringify(content).slice(0, 20)).toBe(400);
    }
    expect((await client.post(`/articles/${article.id}/comments`, { content: '😀'.repeat(600) })).status).toBe(201);
    expect((await client.post(`/articles/${article.id}/comments`, { content: 'x'.repeat(600) })).status).toBe(201);
    for (const content of ['a\u0000b', 'bad \ud800 surrogate', 123, null, ['x'], { $gt: '' }]) {
      const r = await client.post(`/articles/${article.id}/comments`, { content });
      expect(r.status, String(content)).toBe(400);
    }
    expect((await findArticle(h.services.db, article.id))?.commentCount).toBe(2);
  });

  it('shows a reader their own comments and the featured ones, with the account\'s replies', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1 });
    const a = await phoneUser(h.app, 'Alice');
    const b = await phoneUser(h.app, 'Bob');
    const mine = (await a.client.post(`/articles/${article.id}/comments`, { content: 'from Alice' })).json.comment;
    const featured = (await b.client.post(`/articles/${article.id}/comments`, { content: 'featured Bob' })).json.comment;
    await b.client.post(`/articles/${article.id}/comments`, { content: 'hidden Bob' });
    await setElected(h.services.db, featured.id, true);
    await h.database.rows(sql`update article_comments set reply_content = 'Thanks Bob', reply_at = now() where id = ${featured.id}`);
    const seen = (await a.client.get(`/articles/${article.id}`)).json.comments as { id: number; content: string; mine: boolean; featured: boolean; nickname: string; reply: { content: string } | null }[];
    expect(seen.map((c) => c.content).sort()).toEqual(['featured Bob', 'from Alice']);
    expect(seen.find((c) => c.id === mine.id)).toMatchObject({ mine: true, featured: false, nickname: 'Alice' });
    expect(seen.find((c) => c.id === featured.id)).toMatchObject({ mine: false, featured: true, nickname: 'Bob', reply: { content: 'Thanks Bob' } });
  });

  it('likes visible comments idempotently, counting each reader once; hidden and unknown comments answer 404', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1 });
    const a = await phoneUser(h.app);
    const b = await phoneUser(h.app);
    const shown = (await a.client.post(`/articles/${article.id}/comments`, { content: 'featured one' })).json.comment;
    const hidden = (await a.client.post(`/articles/${article.id}/comments`, { content: 'not featured' })).json.comment;
    await setElected(h.services.db, shown.id, true);
    const like = (who: typeof a, id: number | string, on: unknown) => who.client.post(`/articles/${article.id}/comments/${id}/like`, { on });
    await Promise.all([like(b, shown.id, true), like(b, shown.id, true), like(a, shown.id, true)]);
    expect((await like(b, shown.id, true)).json).toEqual({ liked: true, likeCount: 2 });
    const seen = (await b.client.get(`/articles/${article.id}`)).json.comments;
    expect(seen).toEqual([expect.objectContaining({ id: shown.id, likeCount: 2, liked: true, pinned: false })]);
    expect((await like(b, shown.id, false)).json).toEqual({ liked: false, likeCount: 1 });
    expect((await like(b, shown.id, false)).json).toEqual({ liked: false, likeCount: 1 });
    expect((await like(b, hidden.id, true)).status).toBe(404);
    expect((await like(a, hidden.id, true)).json).toEqual({ liked: true, likeCount: 1 });
    for (const bad of ['0', '-1', 'abc', '1.5', '99999999999999999999', '999999']) expect((await like(b, bad, true)).status, bad).toBe(404);
    for (const on of ['yes', 1, null]) expect((await like(b, shown.id, on)).status).toBe(400);
  });

  it('records shares and counts them', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id });
    const { client } = await phoneUser(h.app);
    for (const target of ['chat', 'group', 'moments', 'discover']) expect((await client.post(`/articles/${article.id}/share`, { target })).status).toBe(200);
    expect((await client.post(`/articles/${article.id}/share`, { target: 'chat' })).json).toEqual({ shareCount: 5 });
    for (const target of ['email', '', null, 1, ['chat']]) expect((await client.post(`/articles/${article.id}/share`, { target })).status).toBe(400);
    expect(await count(sql`select count(*)::int as n from article_shares where article_id = ${article.id}`)).toBe(5);
    expect((await findArticle(h.services.db, article.id))?.shareCount).toBe(5);
  });

  it('takes donations from ¥0.01 to ¥500 on original articles with donations on only', async () => {
    const { account } = await makeAccount(h.services);
    const ok = await makePublishedArticle(h.services.db, { accountId: account.id, original: true, donationsEnabled: true });
    const notOriginal = await makePublishedArticle(h.services.db, { accountId: account.id, original: false, donationsEnabled: true });
    const off = await makePublishedArticle(h.services.db, { accountId: account.id, original: true, donationsEnabled: false });
    const { client } = await phoneUser(h.app);
    const d1 = await client.post(`/articles/${ok.article.id}/donations`, { amountFen: 1 });
    expect(d1.status, d1.body).toBe(201);
    expect(d1.json.donation).toMatchObject({ amountFen: 1, message: '' });
    expect((await client.post(`/articles/${ok.article.id}/donations`, { amountFen: 50_000, message: 'Great piece 👍' })).json.donation).toMatchObject({ amountFen: 50_000, message: 'Great piece 👍' });
    for (const amountFen of [0, -1, 50_001, 1.5, '100', null, 1e300, Number.MAX_SAFE_INTEGER + 2]) {
      const r = await client.post(`/articles/${ok.article.id}/donations`, { amountFen });
      expect(r.status, String(amountFen)).toBe(400);
    }
    expect((await client.post(`/articles/${ok.article.id}/donations`, { amountFen: 100, message: 'x'.repeat(41) })).status).toBe(400);
    for (const a of [notOriginal, off]) {
      const r = await client.post(`/articles/${a.article.id}/donations`, { amountFen: 100 });
      expect([r.status, r.json.error.code]).toEqual([403, 'donations_disabled']);
    }
    expect(await count(sql`select count(*)::int as n from donations where account_id = ${account.id}`)).toBe(2);
  });

  it('answers 404 for unknown and unpublished articles, 410 for deleted ones, 401 without a token', async () => {
    const { account } = await makeAccount(h.services);
    const draft = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, needOpenComment: 1 });
    const gone = await makePublishedArticle(h.services.db, { accountId: account.id, isDeleted: true, needOpenComment: 1 });
    const { client } = await phoneUser(h.app);
    const actions: [string, unknown][] = [['like', { on: true }], ['wow', { on: true }], ['comments', { content: 'x' }], ['share', { target: 'chat' }], ['donations', { amountFen: 1 }]];
    for (const id of ['missing', draft.article.id, 'x'.repeat(300), '%00', '..%2Fx']) {
      expect((await client.get(`/articles/${id}`)).status, id).toBe(404);
      for (const [action, body] of actions) expect((await client.post(`/articles/${id}/${action}`, body)).status, `${id} ${action}`).toBe(404);
    }
    const r = await client.get(`/articles/${gone.article.id}`);
    expect([r.status, r.json.error.code]).toEqual([410, 'article_deleted']);
    for (const [action, body] of actions) expect((await client.post(`/articles/${gone.article.id}/${action}`, body)).status).toBe(410);
    const anon = phoneClient(h.app);
    expect((await anon.get(`/articles/${gone.article.id}`)).status).toBe(401);
    expect((await anon.post(`/articles/${gone.article.id}/like`, { on: true })).status).toBe(401);
    expect((await phoneClient(h.app, 'forged.token').post(`/articles/${gone.article.id}/like`, { on: true })).status).toBe(401);
  });

  it('refuses malformed, oversized and hostile bodies with clear errors', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, needOpenComment: 1, original: true, donationsEnabled: true });
    const { client } = await phoneUser(h.app);
    for (const action of ['like', 'wow', 'comments', 'share', 'donations']) {
      const url = `/articles/${article.id}/${action}`;
      const cases: [unknown, Record<string, string>?][] = [
        ['', undefined], ['{', undefined], ['[]', undefined], ['null', undefined], ['"on"', undefined], ['{"__proto__":{"on":true}}', undefined],
        [{ on: 'yes' }], [{}], [{ on: true, content: 'x', target: 'chat', amountFen: 1 }, { 'content-type': 'text/plain' }],
        [JSON.stringify({ content: 'x'.repeat(70_000) }), undefined],
        ...HOSTILE_BODIES.map(([, payload]): [unknown, undefined] => [payload, undefined]),
      ];
      for (const [body, headers] of cases) {
        const r = await client.post(url, body, headers);
        expect(r.status, `${action} ${String(body).slice(0, 30)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(typeof r.json.error?.code).toBe('string');
      }
    }
    const row = await findArticle(h.services.db, article.id);
    expect([row?.likeCount, row?.wowCount, row?.shareCount, row?.commentCount]).toEqual([0, 0, 0, 0]);
  });
});
