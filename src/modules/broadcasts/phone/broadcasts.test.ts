import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { asDeveloper, phoneClient, phoneUser, type PhoneClient } from '../../../../test/phoneFixtures.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { findFollow } from '../../followers/store/followers.js';

describeEachDb('phone API: push posts', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Waits until the fan-out runner has finished a post. */
  async function delivered(msgId: number) {
    await expect
      .poll(async () => (await h.database.rows<{ status: string }>(sql`select status from broadcasts where id = ${msgId}`))[0]?.status, { timeout: 30_000, interval: 50 })
      .toBe('done');
  }

  async function setup() {
    const bank = await makeAccount(h.services, { type: 'service', name: 'Post Bank' });
    const daily = await makeAccount(h.services, { type: 'subscription', name: 'Post Daily' });
    const reader = await phoneUser(h.app, 'Reader');
    const other = await phoneUser(h.app, 'Other');
    for (const c of [reader.client, other.client]) expect((await c.post(`/accounts/${bank.appid}/follow`)).status).toBe(200);
    expect((await reader.client.post(`/accounts/${daily.appid}/follow`)).status).toBe(200);
    const bankDev = await asDeveloper(h, bank.appid, bank.secret);
    const dailyDev = await asDeveloper(h, daily.appid, daily.secret);
    const news = await makePublishedArticle(h.services.db, {
      accountId: bank.account.id,
      published: false,
      title: 'Rates are changing',
      digest: 'What it means for you',
      thumbMediaId: 'coverimage01',
      more: [{ title: 'Branch hours', digest: 'Open on Sunday' }],
    });
    const mp = await bankDev.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: news.group.id }, send_ignore_reprint: 1 });
    expect(mp.errcode, JSON.stringify(mp)).toBe(0);
    const text = await dailyDev.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'Good morning, readers' } });
    expect(text.errcode, JSON.stringify(text)).toBe(0);
    await delivered(Number(mp.msg_id));
    await delivered(Number(text.msg_id));
    return { bank, daily, reader, other, bankDev, news, mpId: Number(mp.msg_id), textId: Number(text.msg_id) };
  }

  it('files a service post in Chats with a count and a subscription post in the folder, and shows each to its recipients only', async () => {
    const { bank, daily, reader, other, news, mpId, textId } = await setup();

    const chats = await reader.client.get('/chats');
    expect(chats.status).toBe(200);
    expect(chats.json.chats).toEqual([
      { appid: bank.appid, name: 'Post Bank', type: 'service', verified: true, avatar_url: null, preview: { kind: 'news', text: 'Rates are changing' }, unread: 1, updated_at: expect.any(String) },
    ]);
    expect(chats.json.subscriptions).toEqual({ unread: 1, appid: daily.appid, name: 'Post Daily', preview: { kind: 'text', text: 'Good morning, readers' }, updated_at: expect.any(String) });
    const folder = await reader.client.get('/subscriptions');
    expect(folder.json.accounts).toHaveLength(1);
    expect(folder.json.accounts[0].latest).toMatchObject({ id: textId, source: 'broadcast', msg_type: 'text', content: { content: 'Good morning, readers' }, placement: 'subscriptions', notify: false });

    const post = await reader.client.get(`/broadcasts/${mpId}`);
    expect(post.status, post.body).toBe(200);
    expect(post.json).toMatchObject({
      msgId: mpId,
      appid: bank.appid,
      accountName: 'Post Bank',
      accountType: 'service',
      placement: 'chats',
      notify: true,
      msgtype: 'mpnews',
      deleted: false,
      preview: false,
      read: false,
      createdAt: expect.any(String),
    });
    expect(post.json.articles).toEqual([
      { id: news.articles[0].id, title: 'Rates are changing', digest: 'What it means for you', coverUrl: expect.stringMatching(/\/media\/coverimage01$/), url: expect.stringMatching(new RegExp(`/s/${news.articles[0].id}$`)), deleted: false },
      { id: news.articles[1].id, title: 'Branch hours', digest: 'Open on Sunday', coverUrl: null, url: expect.stringMatching(/\/s\//), deleted: false },
    ]);
    expect(post.json.message).toMatchObject({ id: mpId, source: 'broadcast', msg_type: 'mpnews', direction: 'out', post: { msgId: mpId } });
    expect(post.json.text).toBeUndefined();
    const textPost = await reader.client.get(`/broadcasts/${textId}`);
    expect(textPost.json).toMatchObject({ msgtype: 'text', text: 'Good morning, readers', placement: 'subscriptions', notify: false, articles: [] });

    // The other follower got the bank's post but not the daily's; a newcomer got neither.
    expect((await other.client.get(`/broadcasts/${mpId}`)).status).toBe(200);
    const foreign = await other.client.get(`/broadcasts/${textId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('not_found');
    const late = await phoneUser(h.app, 'Late');
    await late.client.post(`/accounts/${bank.appid}/follow`);
    expect((await late.client.get(`/broadcasts/${mpId}`)).status).toBe(404);
    expect((await late.client.get('/chats')).json.chats.map((c: { preview: { text: string } | null }) => c.preview?.text)).not.toContain('Rates are changing');
  });

  it('merges posts into the conversation by time, pages both without losing or repeating any, and reads them', async () => {
    const { bank, reader, bankDev, mpId } = await setup();
    const openid = (await findFollow(h.services.db, bank.account.id, reader.user.id))!.openid;
    for (const content of ['first', 'second']) {
      expect((await bankDev.post('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content } })).errcode).toBe(0);
    }
    // A preview arrives at once, its unpublished articles behind signed preview links.
    const preview = await makePublishedArticle(h.services.db, { accountId: bank.account.id, published: false, title: 'Draft look' });
    const pv = await bankDev.post('/cgi-bin/message/mass/preview', { touser: openid, msgtype: 'mpnews', mpnews: { media_id: preview.group.id } });
    expect(pv.errcode, JSON.stringify(pv)).toBe(0);
    const pvPost = await reader.client.get(`/broadcasts/${pv.msg_id}`);
    expect(pvPost.json).toMatchObject({ preview: true, articles: [{ title: 'Draft look', url: expect.stringContaining('?preview=') }] });

    const all = await reader.client.get(`/accounts/${bank.appid}/messages`);
    expect(all.status).toBe(200);
    const label = (m: { source: string; id: number; content: { content?: string } }) => (m.source === 'broadcast' ? `post:${m.id}` : String(m.content.content));
    expect(all.json.messages.map(label)).toEqual([`post:${mpId}`, 'first', 'second', `post:${pv.msg_id}`]);
    expect(all.json.has_more).toBe(false);

    // One at a time, each kind's oldest id as its cursor.
    const seen: string[] = [];
    let before: number | undefined;
    let beforePost: number | undefined;
    for (let i = 0; i < 10; i++) {
      const q = new URLSearchParams({ limit: '1' });
      if (before) q.set('before', String(before));
      if (beforePost) q.set('before_post', String(beforePost));
      const page = await reader.client.get(`/accounts/${bank.appid}/messages?${q}`);
      expect(page.status, page.body).toBe(200);
      for (const m of page.json.messages) {
        seen.unshift(label(m));
        if (m.source === 'broadcast') beforePost = m.id;
        else before = m.id;
      }
      if (!page.json.has_more) break;
    }
    expect(seen).toEqual(all.json.messages.map(label));

    expect((await reader.client.get('/chats')).json.chats[0]).toMatchObject({ appid: bank.appid, unread: 4, preview: { kind: 'news', text: 'Draft look' } });
    expect((await reader.client.post(`/accounts/${bank.appid}/read`)).json).toEqual({ marked: 4 });
    expect((await reader.client.get('/chats')).json.chats[0].unread).toBe(0);
    expect((await reader.client.get(`/broadcasts/${mpId}`)).json.read).toBe(true);
  });

  it('reads one post from the folder, and shows a deleted post as deleted articles', async () => {
    const { daily, reader, bankDev, mpId, textId } = await setup();
    expect((await reader.client.post(`/broadcasts/${textId}/read`)).json).toEqual({ marked: 1 });
    expect((await reader.client.post(`/broadcasts/${textId}/read`)).json).toEqual({ marked: 0 });
    expect((await reader.client.get('/chats')).json.subscriptions).toMatchObject({ appid: daily.appid, unread: 0 });

    expect((await bankDev.post('/cgi-bin/message/mass/delete', { msg_id: mpId })).errcode).toBe(0);
    const gone = await reader.client.get(`/broadcasts/${mpId}`);
    expect(gone.status).toBe(200);
    expect(gone.json.deleted).toBe(true);
    expect(gone.json.articles.map((a: { deleted: boolean }) => a.deleted)).toEqual([true, true]);
  });

  it('refuses hostile ids, cursors and callers without leaking anything', async () => {
    const { reader, bank, mpId } = await setup();
    const anon = phoneClient(h.app);
    expect((await anon.get(`/broadcasts/${mpId}`)).status).toBe(401);
    const c: PhoneClient = reader.client;
    for (const bad of ['0', '-1', 'abc', '1e3', '1.5', '99999999999999999999', '9007199254740993', '%00', '%27%20or%201%3D1', 'x'.repeat(5000), '12345678901234567']) {
      const res = await c.get(`/broadcasts/${bad}`);
      expect(res.status, `${bad.slice(0, 20)}: ${res.body}`).toBe(404);
      expect(res.json.error.code).toBe('not_found');
      expect((await c.post(`/broadcasts/${bad}/read`)).status).toBe(404);
    }
    expect((await c.get(`/broadcasts/${Number.MAX_SAFE_INTEGER}`)).status).toBe(404);
    for (const q of ['before_post=abc', 'before_post=-1', 'before_post=1234567890123456', `before_post=${'9'.repeat(400)}`]) {
      const res = await c.get(`/accounts/${bank.appid}/messages?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
    }
    // An unknown post as cursor pages nothing further rather than failing.
    const none = await c.get(`/accounts/${bank.appid}/messages?before_post=999999999`);
    expect(none.status).toBe(200);
    expect(none.json.messages.filter((m: { source: string }) => m.source === 'broadcast')).toEqual([]);
  });
});
