/**
 * message/mass/* over raw HTTP: the error paths (quota 45028 with its exact errmsg, clientmsgid,
 * article count, audience and permission errors), delete/get/speed rules, previews, the minute
 * limit, and hostile bodies. Runs without the fan-out runner (role web) so states are controlled.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../test/wxClient.js';
import { addFollowers } from '../../../test/factories/audience.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { createFollowerUser } from '../followers/commands/followerUserCreator.js';
import { followAccount } from '../followers/commands/followAccount.js';
import { unfollowAccount } from '../followers/commands/unfollowAccount.js';
import { finishBroadcast } from './commands/broadcastFinisher.js';
import { TOWXNAME_QUOTA_KEY } from './commands/broadcastPreviewer.js';
import { articles } from '../articles/schema.js';
import { broadcastBatches, broadcastRecipients, broadcasts } from './schema.js';

describeEachDb('message/mass/* over HTTP', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup(type: 'service' | 'subscription' = 'service', verified = true) {
    const made = await makeAccount(herald.services, { type, verified });
    const token = await fetchToken(herald, made.appid, made.secret);
    const post = (path: string, body: unknown) => wxCall(herald, 'POST', `/cgi-bin/message/mass/${path}?access_token=${token}`, { body });
    return { ...made, token, post };
  }
  const textAll = (content = 'Hello') => ({ filter: { is_to_all: true }, msgtype: 'text', text: { content } });

  /** Marks a queued post as delivered to `n` followers and finishes it. */
  async function deliver(msgId: number, n: number) {
    await herald.services.db.insert(broadcastBatches).values({ broadcastId: msgId, batchNo: 1, afterOpenid: '', lastOpenid: 'z', considered: n, filtered: 0, delivered: n, createdAt: new Date() });
    await herald.services.db.transaction((tx) => finishBroadcast(tx, herald.services, msgId));
  }

  it('sendall answers send job submission success, then 45028 "has no masssend quota" for a subscription account', async () => {
    const { post } = await setup('subscription');
    const ok = await post('sendall', textAll());
    expect(ok).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    expect(typeof ok.msg_id).toBe('number');
    expect(ok).not.toHaveProperty('msg_data_id');
    expectWxError(await post('sendall', textAll('again')), 45028, 'has no masssend quota');
  });

  it('clientmsgid: 45067, 45066 within a minute, then 45065 with msg_id', async () => {
    const { post } = await setup();
    expectWxError(await post('sendall', { ...textAll(), clientmsgid: 'c'.repeat(65) }), 45067);
    const first = await post('sendall', { ...textAll(), clientmsgid: 'run-7' });
    expect(first.errcode).toBe(0);
    expectWxError(await post('sendall', { ...textAll(), clientmsgid: 'run-7' }), 45066);
    herald.services.clock.advance(61_000);
    const dup = await post('sendall', { ...textAll(), clientmsgid: 'run-7' });
    expectWxError(dup, 45065, 'clientmsgid exist');
    expect(dup.msg_id).toBe(first.msg_id);
  });

  it('mpnews: msg_data_id, 8 articles at most, unknown media ids', async () => {
    const { account, post } = await setup();
    const eight = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: Array.from({ length: 7 }, () => ({})) });
    const nine = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: Array.from({ length: 8 }, () => ({})) });
    const mp = (id: string) => ({ filter: { is_to_all: false, tag_id: 2 }, msgtype: 'mpnews', mpnews: { media_id: id }, send_ignore_reprint: 0 });
    expectWxError(await post('sendall', mp(nine.group.id)), 45008);
    const other = await makeAccount(herald.services);
    const foreign = await makePublishedArticle(herald.services.db, { accountId: other.account.id, published: false });
    expectWxError(await post('sendall', mp(foreign.group.id)), 40007);
    const ok = await post('sendall', mp(eight.group.id));
    expect(ok).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    expect(Number(ok.msg_data_id)).toBeGreaterThan(2_247_483_648);
  });

  it('refuses bad content, audiences and account types', async () => {
    const { post } = await setup();
    expectWxError(await post('sendall', { filter: { is_to_all: true }, msgtype: 'news', news: {} }), 40008);
    expectWxError(await post('sendall', { filter: { is_to_all: true }, msgtype: 'wxcard', wxcard: { card_id: 'x' } }), 48001);
    expectWxError(await post('sendall', { filter: { is_to_all: true }, msgtype: 'image', image: { media_id: 'nosuchmedia' } }), 40007);
    expectWxError(await post('sendall', { filter: { is_to_all: true }, msgtype: 'text', text: {} }), 44004);
    expectWxError(await post('sendall', { filter: { is_to_all: false, tag_id: 999 }, msgtype: 'text', text: { content: 'x' } }), 40050);
    expectWxError(await post('sendall', { msgtype: 'text', text: { content: 'x' } }), 40050);
    expectWxError(await post('send', { touser: ['oAAAAAAAAAAAAAA'], msgtype: 'text', text: { content: 'x' } }), 40130);
    expectWxError(await post('send', { touser: 'oAAAAAAAAAAAAAA', msgtype: 'text', text: { content: 'x' } }), 40031);
    expectWxError(await post('send', { touser: ['oAAAAAAAAAAAAAA', 'oBBBBBBBBBBBBBB'], msgtype: 'text', text: { content: 'x' } }), 40003);
    const sub = await setup('subscription');
    expectWxError(await sub.post('send', { touser: ['oAAAAAAAAAAAAAA', 'oBBBBBBBBBBBBBB'], msgtype: 'text', text: { content: 'x' } }), 48001);
    const unverified = await setup('service', false);
    expectWxError(await unverified.post('sendall', textAll()), 48001);
    expectWxError(await unverified.post('preview', { touser: 'oAAAAAAAAAAAAAA', msgtype: 'text', text: { content: 'x' } }), 48001);
  });

  it('send to an openid list: duplicates removed, no quota used', async () => {
    const { account, post } = await setup('service');
    const [a, b] = await addFollowers(herald.database, account.id, 2);
    for (let i = 0; i < 5; i++) {
      const r = await post('send', { touser: [a.openid, b.openid, a.openid], msgtype: 'text', text: { content: `n${i}` } });
      expect(r.errcode).toBe(0);
      const [row] = await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, Number(r.msg_id)));
      expect(row.audience).toEqual({ kind: 'openids', openids: [a.openid, b.openid].sort() });
      expect(row.countsToQuota).toBe(false);
    }
  });

  it('preview delivers at once to one follower who follows; towxname by the name the follower shows', async () => {
    const { account, appid, post } = await setup('service');
    const user = await createFollowerUser(herald.services, { nickname: 'Preview Reader' });
    const openid = await followAccount(herald.services, user.id, appid);
    const r = await post('preview', { touser: openid, msgtype: 'text', text: { content: 'preview me' } });
    expect(r).toMatchObject({ errcode: 0, errmsg: 'preview success' });
    const [row] = await herald.services.db.select().from(broadcasts).where(eq(broadcasts.id, Number(r.msg_id)));
    expect(row).toMatchObject({ kind: 'preview', status: 'done', countsToQuota: false, placement: 'chats', notify: true });
    expect(await herald.services.db.select().from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, row.id))).toEqual([{ broadcastId: row.id, openid, readAt: null }]);
    const byName = await post('preview', { towxname: 'Preview Reader', msgtype: 'text', text: { content: 'by name' } });
    expect(byName.errcode).toBe(0);
    expectWxError(await post('preview', { towxname: 'Nobody', msgtype: 'text', text: { content: 'x' } }), 40003);
    // 100 previews by WeChat id a day: the 101st is refused.
    for (let i = 0; i < 99; i++) expect(await herald.services.quotas.take(account.id, TOWXNAME_QUOTA_KEY, 100)).toBe(true);
    expectWxError(await post('preview', { towxname: 'Preview Reader', msgtype: 'text', text: { content: 'one too many' } }), 45009);
    expect((await post('preview', { touser: openid, msgtype: 'text', text: { content: 'by openid still fine' } })).errcode).toBe(0);
    expectWxError(await post('preview', { touser: 'oNOTAFOLLOWER0000', msgtype: 'text', text: { content: 'x' } }), 40003);
    expectWxError(await post('preview', { msgtype: 'text', text: { content: 'x' } }), 40003);
    expectWxError(await post('preview', { touser: openid, msgtype: 'text', text: { content: 'buy cocaine here' } }), 87014);
    await unfollowAccount(herald.services, user.id, appid);
    expectWxError(await post('preview', { touser: openid, msgtype: 'text', text: { content: 'x' } }), 43004);
    // Previews never use the push quota.
    expect((await post('sendall', textAll())).errcode).toBe(0);
  });

  it('get reports SENDING, SEND_SUCCESS, SEND_FAIL and DELETE; delete follows WeChat\'s rules', async () => {
    const { account, post } = await setup('service');
    const group = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: [{}, {}] });
    const sent = await post('sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: group.group.id } });
    const msgId = Number(sent.msg_id);
    expect(await post('get', { msg_id: msgId })).toEqual({ msg_id: msgId, msg_status: 'SENDING' });
    expectWxError(await post('delete', { msg_id: msgId }), 40035);
    await deliver(msgId, 3);
    expect(await post('get', { msg_id: String(msgId) })).toEqual({ msg_id: msgId, msg_status: 'SEND_SUCCESS' });
    expectWxError(await post('delete', { msg_id: msgId, article_idx: 4 }), 40060);
    expectWxError(await post('delete', { msg_id: msgId, article_idx: -1 }), 40060);
    expect(await post('delete', { msg_id: msgId, article_idx: 2 })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const arts = await herald.services.db.select().from(articles).where(eq(articles.groupId, group.group.id));
    expect(arts.sort((x, y) => x.idx - y.idx).map((a) => a.isDeleted)).toEqual([false, true, false]);
    expect((await post('get', { msg_id: msgId })).msg_status).toBe('SEND_SUCCESS');
    expect((await post('delete', { msg_id: msgId })).errcode).toBe(0);
    expect(await post('get', { msg_id: msgId })).toEqual({ msg_id: msgId, msg_status: 'DELETE' });
    expect((await post('delete', { msg_id: msgId })).errcode).toBe(0);

    const text = await post('send', { touser: (await addFollowers(herald.database, account.id, 2)).map((f) => f.openid), msgtype: 'text', text: { content: 't' } });
    await deliver(Number(text.msg_id), 2);
    expectWxError(await post('delete', { msg_id: text.msg_id }), 48008);
    const empty = await post('send', { touser: (await addFollowers(herald.database, account.id, 2)).map((f) => f.openid), msgtype: 'text', text: { content: 'u' } });
    await herald.services.db.transaction((tx) => finishBroadcast(tx, herald.services, Number(empty.msg_id)));
    expect((await post('get', { msg_id: empty.msg_id })).msg_status).toBe('SEND_FAIL');
    expectWxError(await post('get', { msg_id: 999_999_999 }), 40035);
    expectWxError(await post('get', { msg_id: 'abc' }), 40035);
    expectWxError(await post('delete', {}), 40035);
    // Another account's post is not found.
    const other = await setup('service');
    expectWxError(await other.post('get', { msg_id: msgId }), 40035);
  });

  it('delete by url: one article of a sent post (mass/delete is limited to 10 calls a day)', async () => {
    const { account, post } = await setup('service');
    const group = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false, more: [{}] });
    const sent = await post('sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: group.group.id } });
    await deliver(Number(sent.msg_id), 1);
    const base = herald.config.publicUrl.replace(/\/$/, '');
    expect((await post('delete', { url: `${base}/s/${group.articles[1].id}` })).errcode).toBe(0);
    const rows = await herald.services.db.select().from(articles).where(eq(articles.groupId, group.group.id));
    expect(rows.sort((x, y) => x.idx - y.idx).map((a) => a.isDeleted)).toEqual([false, true]);
    expectWxError(await post('delete', { url: `${base}/s/nosucharticle` }), 40035);
    expectWxError(await post('delete', { url: 'javascript:alert(1)' }), 40035);
    const draft = await makePublishedArticle(herald.services.db, { accountId: account.id, published: false });
    expectWxError(await post('delete', { url: `${base}/s/${draft.article.id}` }), 40035);
    for (let i = 0; i < 6; i++) await post('delete', { msg_id: 1 });
    expectWxError(await post('delete', { msg_id: sent.msg_id }), 45009);
  });

  it('speed/get and speed/set', async () => {
    const { post } = await setup();
    expect(await post('speed/get', {})).toEqual({ speed: 0, realspeed: 80 });
    expect(await post('speed/set', { speed: 3 })).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(await post('speed/get', {})).toEqual({ speed: 3, realspeed: 30 });
    expectWxError(await post('speed/set', {}), 45084);
    expectWxError(await post('speed/set', { speed: 5 }), 45083);
    expectWxError(await post('speed/set', { speed: 1.5 }), 45083);
    expectWxError(await post('speed/set', { speed: '9' }), 45083);
  });

  it('60 mass-send requests a minute per account (45011)', async () => {
    const { post } = await setup();
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 61; i++) last = await post('preview', { touser: 'oNOTAFOLLOWER0000', msgtype: 'text', text: { content: 'x' } });
    expectWxError(last, 45011);
    herald.services.clock.advance(60_000);
    expectWxError(await post('preview', { touser: 'oNOTAFOLLOWER0000', msgtype: 'text', text: { content: 'x' } }), 40003);
  });

  it('hostile bodies get WeChat errors, never a system error, and create nothing', async () => {
    const { account, token } = await setup();
    const bodies: Array<[string, string | Buffer]> = [
      ['empty', ''],
      ['not JSON', 'hello'],
      ['array', '[1]'],
      ['null', 'null'],
      ['deep nesting', '['.repeat(100_000)],
      ['deep filter', `{"filter":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)},"msgtype":"text","text":{"content":"x"}}`],
      ['prototype keys', '{"filter":{"is_to_all":true},"msgtype":"__proto__","__proto__":{"content":"x"},"constructor":{"prototype":{}}}'],
      ['wrong types', JSON.stringify({ filter: { is_to_all: 'yes', tag_id: { id: 1 } }, msgtype: ['text'], text: 'x', msg_id: { $gt: 0 }, article_idx: '1', speed: [1], touser: { a: 1 }, clientmsgid: { x: 1 } })],
      ['NUL', '{"filter":{"is_to_all":true},"msgtype":"text","text":{"content":"a\\u0000"}}'],
      ['lone surrogate', '{"filter":{"is_to_all":true},"msgtype":"text","text":{"content":"\\ud800"}}'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ['huge numbers', '{"filter":{"tag_id":1e999},"msg_id":1e999,"article_idx":1e999,"speed":1e999,"msgtype":"text","text":{"content":"x"}}'],
      ['huge text', JSON.stringify({ filter: { is_to_all: true }, msgtype: 'text', text: { content: 'x'.repeat(100_000) } })],
      ['2 MB', JSON.stringify({ filter: { is_to_all: true }, pad: 'x'.repeat(2 * 1024 * 1024) })],
      ['huge openid list', JSON.stringify({ touser: Array.from({ length: 20_000 }, (_, i) => `o${i}`), msgtype: 'text', text: { content: 'x' } })],
      ['bad media ids', JSON.stringify({ filter: { is_to_all: true }, msgtype: 'image', images: { media_ids: ['../../x', 'a'.repeat(5000)] } })],
    ];
    for (const path of ['sendall', 'send', 'preview', 'delete', 'get', 'speed/set']) {
      for (const [label, body] of bodies) {
        const r = await wxCall(herald, 'POST', `/cgi-bin/message/mass/${path}?access_token=${token}`, { body, headers: { 'content-type': 'application/json' } });
        expect(r.errcode, `${path} ${label}: ${JSON.stringify(r).slice(0, 200)}`).toBeGreaterThan(0);
      }
    }
    expect(await herald.services.db.select().from(broadcasts).where(eq(broadcasts.accountId, account.id))).toHaveLength(0);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/message/mass/sendall?access_token=${token}`), 43002);
  });
});
