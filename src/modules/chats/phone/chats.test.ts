import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { asDeveloper, phoneUser, TINY_PNG, uploadAs } from '../../../../test/phoneFixtures.js';
import { findFollow } from '../../followers/store/followers.js';

describeEachDb('phone API: chats, the Subscriptions folder and conversations', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const openidOf = async (accountId: string, userId: string) => (await findFollow(h.services.db, accountId, userId))!.openid;

  it('files service accounts in Chats with a count and subscription accounts in the folder', async () => {
    const bank = await makeAccount(h.services, { type: 'service', name: 'Chat Bank' });
    const daily = await makeAccount(h.services, { type: 'subscription', name: 'Chat Daily' });
    const { client, user } = await phoneUser(h.app);
    const empty = await client.get('/chats');
    expect(empty.json).toEqual({ chats: [], subscriptions: null, cursor: 0 });

    await client.post(`/accounts/${bank.appid}/follow`);
    await client.post(`/accounts/${daily.appid}/follow`);
    const bankDev = await asDeveloper(h, bank.appid, bank.secret);
    const dailyDev = await asDeveloper(h, daily.appid, daily.secret);
    const toBank = await openidOf(bank.account.id, user.id);
    const toDaily = await openidOf(daily.account.id, user.id);
    expect(await bankDev.post('/cgi-bin/message/custom/send', { touser: toBank, msgtype: 'text', text: { content: 'Your card was charged ¥12' } })).toMatchObject({ errcode: 0 });
    expect(await bankDev.post('/cgi-bin/message/custom/send', { touser: toBank, msgtype: 'text', text: { content: 'Balance ¥88' } })).toMatchObject({ errcode: 0 });
    expect(
      await dailyDev.post('/cgi-bin/message/custom/send', {
        touser: toDaily,
        msgtype: 'news',
        news: { articles: [{ title: 'Morning brief', description: 'd', url: 'https://example.com/a', picurl: 'https://example.com/a.png' }] },
      }),
    ).toMatchObject({ errcode: 0 });

    const chats = await client.get('/chats');
    expect(chats.status).toBe(200);
    expect(chats.json.chats).toEqual([
      { appid: bank.appid, name: 'Chat Bank', type: 'service', verified: true, avatar_url: null, preview: { kind: 'text', text: 'Balance ¥88' }, unread: 2, updated_at: expect.any(String) },
    ]);
    expect(chats.json.subscriptions).toEqual({ unread: 1, appid: daily.appid, name: 'Chat Daily', preview: { kind: 'news', text: 'Morning brief' }, updated_at: expect.any(String) });
    expect(chats.json.cursor).toBeGreaterThan(0);

    const folder = await client.get('/subscriptions');
    expect(folder.json.accounts).toHaveLength(1);
    expect(folder.json.accounts[0]).toMatchObject({ appid: daily.appid, unread: 1, latest: { msg_type: 'news', placement: 'subscriptions', notify: false } });

    const msgs = await client.get(`/accounts/${bank.appid}/messages`);
    expect(msgs.json.messages.map((m: { content: { content: string } }) => m.content.content)).toEqual(['Your card was charged ¥12', 'Balance ¥88']);
    expect(msgs.json.messages[0]).toMatchObject({ appid: bank.appid, account_name: 'Chat Bank', direction: 'out', source: 'custom', placement: 'chats', notify: true });

    const read = await client.post(`/accounts/${bank.appid}/read`);
    expect(read.json).toEqual({ marked: 2 });
    expect((await client.post(`/accounts/${bank.appid}/read`)).json).toEqual({ marked: 0 });
    expect((await client.get('/chats')).json.chats[0].unread).toBe(0);
  });

  it('sends a follower message and pages through a long conversation', async () => {
    const { appid } = await makeAccount(h.services, { type: 'service', name: 'Pager' });
    const { client } = await phoneUser(h.app);
    const notYet = await client.post(`/accounts/${appid}/messages`, { msgtype: 'text', content: 'hello?' });
    expect([notYet.status, notYet.json.error.code]).toEqual([400, 'not_following']);
    await client.post(`/accounts/${appid}/follow`);
    for (let i = 1; i <= 7; i++) {
      const sent = await client.post(`/accounts/${appid}/messages`, { msgtype: 'text', content: `m${i}` });
      expect(sent.status, sent.body).toBe(201);
      expect(sent.json.message).toMatchObject({ direction: 'in', source: 'user', msg_type: 'text', content: { content: `m${i}` } });
    }
    const page1 = await client.get(`/accounts/${appid}/messages?limit=3`);
    expect(page1.json.messages.map((m: { content: { content: string } }) => m.content.content)).toEqual(['m5', 'm6', 'm7']);
    expect(page1.json.has_more).toBe(true);
    const page2 = await client.get(`/accounts/${appid}/messages?limit=3&before=${page1.json.messages[0].id}`);
    expect(page2.json.messages.map((m: { content: { content: string } }) => m.content.content)).toEqual(['m2', 'm3', 'm4']);
    const page3 = await client.get(`/accounts/${appid}/messages?limit=3&before=${page2.json.messages[0].id}`);
    expect(page3.json.messages.map((m: { content: { content: string } }) => m.content.content)).toEqual(['m1']);
    expect(page3.json.has_more).toBe(false);
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'before=-1', 'before=1e9', `before=${'9'.repeat(30)}`]) {
      expect((await client.get(`/accounts/${appid}/messages?${q}`)).status, q).toBe(400);
    }
  });

  it('sends every message type a follower can send, refusing malformed ones', async () => {
    const { appid } = await makeAccount(h.services, { type: 'service', name: 'Every Type' });
    const { client } = await phoneUser(h.app);
    await client.post(`/accounts/${appid}/follow`);
    const photo = await uploadAs(client, TINY_PNG);
    expect(photo.status, photo.body).toBe(201);
    expect(photo.json).toMatchObject({ kind: 'image', content_type: 'image/png', url: expect.stringMatching(/^\/media\//) });
    const fetched = await h.app.inject({ method: 'GET', url: photo.json.url });
    expect(fetched.statusCode).toBe(200);

    const bodies = [
      { msgtype: 'image', media_id: photo.json.media_id },
      { msgtype: 'location', location_x: 22.5228, location_y: 113.9353, scale: 16, label: 'Tencent Binhai Towers' },
      { msgtype: 'link', title: 'Docs', description: 'Read me', url: 'https://example.com/docs' },
      { msgtype: 'text', content: 'Yes', bizmsgmenuid: '101' },
    ];
    for (const b of bodies) {
      const r = await client.post(`/accounts/${appid}/messages`, b);
      expect(r.status, r.body).toBe(201);
      expect(r.json.message.msg_type).toBe(b.msgtype);
    }
    const bad = [
      { msgtype: 'event' },
      { msgtype: 'text', content: '' },
      { msgtype: 'text', content: 'x'.repeat(4097) },
      { msgtype: 'text', content: 'nul \u0000' },
      { msgtype: 'image', media_id: 'not-uploaded-by-anyone' },
      { msgtype: 'location', location_x: 91, location_y: 0 },
      { msgtype: 'link', title: 'x', url: 'javascript:alert(1)' },
      { msgtype: 'x'.repeat(33) },
    ];
    for (const b of bad) {
      const r = await client.post(`/accounts/${appid}/messages`, b);
      expect(r.status, JSON.stringify(b).slice(0, 60)).toBe(400);
    }
  });

  it('keeps each follower to their own messages and uploads', async () => {
    const { appid } = await makeAccount(h.services, { type: 'service', name: 'Two Followers' });
    const a = await phoneUser(h.app, 'A');
    const b = await phoneUser(h.app, 'B');
    await a.client.post(`/accounts/${appid}/follow`);
    await b.client.post(`/accounts/${appid}/follow`);
    await a.client.post(`/accounts/${appid}/messages`, { msgtype: 'text', content: 'only for A' });
    expect((await b.client.get(`/accounts/${appid}/messages`)).json.messages.map((m: { msg_type: string }) => m.msg_type)).not.toContain('text');
    expect((await b.client.get('/chats')).body).not.toContain('only for A');
    const photo = await uploadAs(a.client, TINY_PNG);
    const stolen = await b.client.post(`/accounts/${appid}/messages`, { msgtype: 'image', media_id: photo.json.media_id });
    expect([stolen.status, stolen.json.error.code]).toEqual([400, 'invalid_media']);
  });

  it('lists every followed account before anything is exchanged, and drops it after unfollowing', async () => {
    const shop = await makeAccount(h.services, { type: 'service', name: '咖啡小铺' });
    const news = await makeAccount(h.services, { type: 'subscription', name: '每日简报' });
    const { client } = await phoneUser(h.app);
    await client.post(`/accounts/${shop.appid}/follow`);
    await client.post(`/accounts/${news.appid}/follow`);
    const chats = await client.get('/chats');
    expect(chats.json.chats).toEqual([
      { appid: shop.appid, name: '咖啡小铺', type: 'service', verified: true, avatar_url: null, preview: null, unread: 0, updated_at: expect.any(String) },
    ]);
    expect(chats.json.subscriptions).toEqual({ unread: 0, appid: news.appid, name: '每日简报', preview: null, updated_at: expect.any(String) });
    const folder = await client.get('/subscriptions');
    expect(folder.json.accounts).toEqual([expect.objectContaining({ appid: news.appid, unread: 0, latest: null })]);

    await client.post(`/accounts/${shop.appid}/unfollow`);
    await client.post(`/accounts/${news.appid}/unfollow`);
    expect((await client.get('/chats')).json).toMatchObject({ chats: [], subscriptions: null });
  });

  it('refuses uploads that are not a photo, voice note or video', async () => {
    const { client } = await phoneUser(h.app);
    const junk = await uploadAs(client, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'x.sh', 'image/png');
    expect([junk.status, junk.json.error.code]).toEqual([400, 'invalid_media']);
    const empty = await uploadAs(client, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const notMultipart = await client.post('/media', { media: 'x' });
    expect([notMultipart.status, notMultipart.json.error.code]).toEqual([400, 'invalid_upload']);
    const wrongField = await client.request('POST', '/media', Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nx\r\n--b--\r\n'), {
      'content-type': 'multipart/form-data; boundary=b',
    });
    expect(wrongField.status).toBe(400);
    const huge = await uploadAs(client, Buffer.concat([TINY_PNG, Buffer.alloc(11 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('body_too_large');
    const anon = await client.request('POST', '/media', Buffer.alloc(10), { authorization: '' });
    expect(anon.status).toBe(401);
  });
});
