import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { makeFollower, makeKf, makeKfApiOwner } from '../../../../test/factories/kf.js';
import { enqueueWaitingSession } from '../commands/kfSessionQueuer.js';
import { setKfOnline } from '../commands/kfPresence.js';
import { recordUserMessageInSession } from '../commands/kfUserMessageRecorder.js';
import { recordAgentReply } from '../commands/kfAgentReplyRecorder.js';
import { listDeliveries } from '../../callbacks/store/deliveries.js';
import { newOpenid } from '../../../protocol/ids.js';
import { nextChinaDayStart } from '../../../platform/clock.js';

describeEachDb('kf session and history APIs', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const post = (path: string, token: string, body: unknown) => wxCall(herald, 'POST', `${path}?access_token=${encodeURIComponent(token)}`, { body });
  const get = (path: string, token: string, query = '') => wxCall(herald, 'GET', `${path}?access_token=${encodeURIComponent(token)}${query}`);

  async function setup() {
    const owner = await makeKfApiOwner(herald);
    const s = herald.services;
    const anna = await makeKf(s, owner.account.id, owner.wechatId, 'anna');
    const bob = await makeKf(s, owner.account.id, owner.wechatId, 'bob');
    const openid = await makeFollower(s, owner.account.id);
    return { ...owner, accountId: owner.account.id, anna, bob, openid };
  }

  /** [start, end] of the China calendar day the platform clock is in, in unix seconds. */
  function today(): [number, number] {
    const end = nextChinaDayStart(herald.services.clock.nowMs()) / 1000;
    return [end - 86400, end];
  }

  it('creates, reads and closes a session, pushing kf_create_session and kf_close_session', async () => {
    const { token, accountId, anna, openid } = await setup();
    expect(await get('/customservice/kfsession/getsession', token, `&openid=${openid}`)).toEqual({ kf_account: '', createtime: 0 });
    const before = herald.services.clock.nowSec();
    expect(await post('/customservice/kfsession/create', token, { kf_account: anna, openid, text: 'from the CRM' })).toEqual({ errcode: 0, errmsg: 'ok' });
    // A session this worker already has: 0 again.
    expect(await post('/cgi-bin/customservice/kfsession/create', token, { kf_account: anna.toUpperCase(), openid })).toEqual({ errcode: 0, errmsg: 'ok' });
    const session = await get('/customservice/kfsession/getsession', token, `&openid=${openid}`);
    expect(session.kf_account).toBe(anna);
    expect(Number(session.createtime)).toBeGreaterThanOrEqual(before);
    expect(await get('/customservice/kfsession/getsessionlist', token, `&kf_account=${encodeURIComponent(anna)}`)).toEqual({
      sessionlist: [{ openid, createtime: session.createtime }],
    });
    expect(await post('/customservice/kfsession/close', token, { kf_account: anna, openid, text: 'done' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await get('/cgi-bin/customservice/kfsession/getsession', token, `&openid=${openid}`)).toEqual({ kf_account: '', createtime: 0 });
    expect(await get('/customservice/kfsession/getsessionlist', token, `&kf_account=${encodeURIComponent(anna)}`)).toEqual({ sessionlist: [] });
    const labels = (await listDeliveries(herald.services.db, accountId, { limit: 10 })).map((d) => d.label).reverse();
    expect(labels).toEqual(['event:kf_create_session', 'event:kf_close_session']);
  });

  it('answers the documented errcodes for kfsession/create', async () => {
    const { token, accountId, anna, bob, openid, wechatId } = await setup();
    const create = (body: unknown) => post('/customservice/kfsession/create', token, body);
    expectWxError(await create({ kf_account: `ghost@${wechatId}`, openid }), 65401, 'invalid custom service account');
    expectWxError(await create({ openid }), 65401);
    expectWxError(await create({ kf_account: anna, openid: newOpenid() }), 40003, 'invalid openid');
    expectWxError(await create({ kf_account: anna }), 40003);
    expectWxError(await create({ kf_account: anna, openid: '../../etc/passwd' }), 40003);
    const gone = await makeFollower(herald.services, accountId, { subscribed: false });
    expectWxError(await create({ kf_account: anna, openid: gone }), 40003);
    // Another account's follower is not this account's.
    const other = await setup();
    expectWxError(await create({ kf_account: anna, openid: other.openid }), 40003);
    await setKfOnline(herald.services, accountId, anna, false);
    expectWxError(await create({ kf_account: anna, openid }), 65415, 'the worker is not online');
    await setKfOnline(herald.services, accountId, anna, true);
    expectWxError(await create({ kf_account: anna, openid, text: 42 }), 65416, 'param invalid, please check');
    expectWxError(await create({ kf_account: anna, openid, text: 'x'.repeat(1025) }), 65416);
    expectWxError(await create({ kf_account: anna, openid, text: 'a\u0000b' }), 40033); // NUL: invalid charset
    expect(await create({ kf_account: anna, openid })).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await create({ kf_account: bob, openid }), 65414, 'another worker is serving the customer');
  });

  it('answers the documented errcodes for kfsession/close', async () => {
    const { token, accountId, anna, bob, openid, wechatId } = await setup();
    const close = (body: unknown) => post('/customservice/kfsession/close', token, body);
    expectWxError(await close({ kf_account: anna, openid }), 65413, 'no effective session for the customer');
    await enqueueWaitingSession(herald.services, accountId, openid);
    // A follower still waiting has no session with a worker yet.
    expectWxError(await close({ kf_account: anna, openid }), 65413);
    await post('/customservice/kfsession/create', token, { kf_account: anna, openid });
    expectWxError(await close({ kf_account: bob, openid }), 65414);
    expectWxError(await close({ kf_account: `ghost@${wechatId}`, openid }), 65401);
    expectWxError(await close({ kf_account: anna, openid: 'bad openid' }), 40003);
    expectWxError(await close({ kf_account: anna, openid, text: ['x'] }), 65416);
    expect(await close({ kf_account: anna, openid })).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await close({ kf_account: anna, openid }), 65413);
  });

  it('checks getsession and getsessionlist parameters', async () => {
    const { token, accountId, openid, wechatId } = await setup();
    expectWxError(await get('/customservice/kfsession/getsession', token), 40003);
    expectWxError(await get('/customservice/kfsession/getsession', token, `&openid=${newOpenid()}`), 40003);
    expectWxError(await get('/customservice/kfsession/getsession', token, '&openid=%00'), 40003);
    expectWxError(await get('/customservice/kfsession/getsessionlist', token), 65401);
    expectWxError(await get('/customservice/kfsession/getsessionlist', token, `&kf_account=ghost%40${wechatId}`), 65401);
    expectWxError(await get('/customservice/kfsession/getsessionlist', token, '&kf_account=%00'), 65401);
    expectWxError(await post('/customservice/kfsession/getsession', token, {}), 43001);
    expectWxError(await get('/customservice/kfsession/create', token), 43002);
    // A waiting follower: nobody yet, but the session has a start time.
    const queued = await enqueueWaitingSession(herald.services, accountId, openid);
    expect(await get('/customservice/kfsession/getsession', token, `&openid=${openid}`)).toEqual({
      kf_account: '',
      createtime: Math.floor(queued.session.createdAt.getTime() / 1000),
    });
  });

  it('lists the wait queue: the count of all, the first 100 in order', async () => {
    const { token, accountId } = await setup();
    expect(await get('/customservice/kfsession/getwaitcase', token)).toEqual({ count: 0, waitcaselist: [] });
    const first = await makeFollower(herald.services, accountId);
    const queued = await enqueueWaitingSession(herald.services, accountId, first);
    const asked = new Date(herald.services.clock.nowMs() + 1000);
    await herald.services.db.transaction((tx) => recordUserMessageInSession(tx, accountId, first, 'hi', asked));
    // 104 more waiting followers, written in one statement.
    await herald.database.rows(sql`
      insert into kf_sessions (account_id, openid, status, created_at)
      select ${accountId}::uuid, 'oWait' || lpad(g::text, 23, '0'), 'waiting', ${queued.session.createdAt.toISOString()}::timestamptz + make_interval(secs => g)
      from generate_series(1, 104) g`);
    const body = await get('/cgi-bin/customservice/kfsession/getwaitcase', token);
    expect(body.count).toBe(105);
    const list = body.waitcaselist as Array<{ openid: string; latest_time: number }>;
    expect(list).toHaveLength(100);
    expect(list[0]).toEqual({ openid: first, latest_time: Math.floor(asked.getTime() / 1000) });
    expect(list[1].openid).toBe(`oWait${'1'.padStart(23, '0')}`);
  });

  it('pages the chat history of one day with msgid and number', async () => {
    const { token, accountId, anna, openid } = await setup();
    const queued = await enqueueWaitingSession(herald.services, accountId, openid, { preferredKf: anna });
    // The session's own events carry the time it was queued; the messages, the time they were sent.
    const queuedAt = Math.floor(queued.session.createdAt.getTime() / 1000);
    const now = herald.services.clock.now();
    await herald.services.db.transaction(async (tx) => {
      await recordUserMessageInSession(tx, accountId, openid, 'where is my parcel?', now);
      await recordAgentReply(tx, accountId, openid, anna, 'checking', now);
    });
    const [start, end] = today();
    const all = await post('/customservice/msgrecord/getmsglist', token, { starttime: start, endtime: end, msgid: 1, number: 10000 });
    expect(all.number).toBe(4);
    expect(all.recordlist).toEqual([
      { openid, opercode: 1000, text: '', time: queuedAt, worker: '' },
      { openid, opercode: 1001, text: '', time: queuedAt, worker: anna },
      { openid, opercode: 2003, text: 'where is my parcel?', time: Math.floor(now.getTime() / 1000), worker: anna },
      { openid, opercode: 2002, text: 'checking', time: Math.floor(now.getTime() / 1000), worker: anna },
    ]);
    // Two at a time, passing back the msgid each answer gives.
    const page1 = await post('/customservice/msgrecord/getmsglist', token, { starttime: start, endtime: end, msgid: 1, number: 2 });
    expect(page1.number).toBe(2);
    const page2 = await post('/customservice/msgrecord/getmsglist', token, { starttime: String(start), endtime: String(end), msgid: page1.msgid, number: 2 });
    const page3 = await post('/customservice/msgrecord/getmsglist', token, { starttime: start, endtime: end, msgid: page2.msgid, number: 2 });
    expect([...(page1.recordlist as unknown[]), ...(page2.recordlist as unknown[])]).toEqual(all.recordlist);
    expect(page3).toEqual({ recordlist: [], number: 0, msgid: page2.msgid });
    // Another account sees none of it; nor does an earlier day.
    const other = await setup();
    expect((await post('/customservice/msgrecord/getmsglist', other.token, { starttime: start, endtime: end, msgid: 1, number: 100 })).number).toBe(0);
    expect((await post('/customservice/msgrecord/getmsglist', token, { starttime: start - 86400, endtime: start - 1, msgid: 1, number: 100 })).number).toBe(0);
  });

  it('refuses bad history queries with 65416 and long ranges with 65417', async () => {
    const { token } = await setup();
    const [start, end] = today();
    const list = (body: unknown) => post('/customservice/msgrecord/getmsglist', token, body);
    expectWxError(await list({ starttime: start, endtime: end + 1, msgid: 1, number: 10 }), 65417, 'it is too long from the starttime to endtime');
    expectWxError(await list({ starttime: start + 3600, endtime: end + 3600, msgid: 1, number: 10 }), 65417);
    for (const bad of [
      {},
      { endtime: end },
      { starttime: start },
      { starttime: end, endtime: start, msgid: 1, number: 10 },
      { starttime: -1, endtime: end, msgid: 1, number: 10 },
      { starttime: start, endtime: end, msgid: 0, number: 10 },
      { starttime: start, endtime: end, msgid: 1, number: 0 },
      { starttime: start, endtime: end, msgid: 1, number: 10001 },
      { starttime: start, endtime: end, msgid: 1.5, number: 10 },
      { starttime: `${start}abc`, endtime: end },
      { starttime: [start], endtime: end },
      { starttime: 1e300, endtime: 1e300 },
    ]) {
      expectWxError(await list(bad), 65416);
    }
  });

  it('answers the legacy msgrecord/getrecord with pages and an openid filter', async () => {
    const { token, accountId, anna, openid } = await setup();
    const second = await makeFollower(herald.services, accountId);
    await enqueueWaitingSession(herald.services, accountId, openid, { preferredKf: anna });
    await enqueueWaitingSession(herald.services, accountId, second);
    const [start, end] = today();
    const rec = (body: Record<string, unknown>) => post('/customservice/msgrecord/getrecord', token, { starttime: start, endtime: end, ...body });
    expect(((await rec({ pagesize: 50, pageindex: 1 })).recordlist as unknown[]).length).toBe(3);
    const mine = (await rec({ openid, pagesize: 1, pageindex: 2 })).recordlist as Array<Record<string, unknown>>;
    expect(mine).toEqual([{ openid, opercode: 1001, text: '', time: expect.any(Number), worker: anna }]);
    expect(await rec({ openid, pagesize: 10, pageindex: 9 })).toEqual({ recordlist: [] });
    expectWxError(await rec({ pagesize: 51, pageindex: 1 }), 61451, 'invalid parameter');
    expectWxError(await rec({ pagesize: 10, pageindex: 0 }), 61451);
    expectWxError(await rec({ pagesize: 'many', pageindex: 1 }), 61451);
    expectWxError(await rec({ openid: 'bad openid!', pagesize: 10, pageindex: 1 }), 40003);
    expectWxError(await post('/customservice/msgrecord/getrecord', token, { starttime: start, endtime: end + 7200, pagesize: 10, pageindex: 1 }), 65417);
    expectWxError(await post('/customservice/msgrecord/getrecord', token, { pagesize: 10, pageindex: 1 }), 61451);
  });

  it('never fails on hostile input', async () => {
    const { token, anna, openid } = await setup();
    const bodies: Array<string | Buffer> = [
      'null', '"x"', '1e400', 'true', '[]', '['.repeat(100_000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
      JSON.stringify({ kf_account: { $gt: '' }, openid: { $ne: null }, text: { a: 1 }, starttime: {}, endtime: [], msgid: null, number: 'x' }),
      '{"__proto__":{"kf_account":"x","openid":"y"},"constructor":{"prototype":{"polluted":1}}}',
      JSON.stringify({ kf_account: `${anna}\u0000`, openid: `${openid}\u0000`, text: '\u0000' }),
      JSON.stringify({ kf_account: anna, openid, text: '\ud800' }),
      Buffer.from([0x7b, 0x22, 0x6f, 0x70, 0x65, 0x6e, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      JSON.stringify({ kf_account: "x' or '1'='1", openid: "o' or '1'='1", starttime: '0 or 1=1', endtime: 1, pagesize: '1;drop table kf_records' }),
      JSON.stringify({ starttime: Number.MAX_SAFE_INTEGER, endtime: Number.MAX_SAFE_INTEGER, msgid: Number.MAX_SAFE_INTEGER, number: 1 }),
      JSON.stringify({ starttime: 0, endtime: 0, msgid: 1, number: 1, pageindex: 99_999, pagesize: 50 }),
    ];
    for (const suffix of ['kfsession/create', 'kfsession/close', 'msgrecord/getmsglist', 'msgrecord/getrecord']) {
      for (const prefix of ['/customservice/', '/cgi-bin/customservice/']) {
        for (const body of bodies) {
          const res: WxBody = await wxCall(herald, 'POST', `${prefix}${suffix}?access_token=${token}`, { body, headers: { 'content-type': 'application/json' } });
          expect(res.errcode, `${suffix} ${String(body).slice(0, 50)}`).not.toBe(-1);
        }
      }
    }
    for (const q of ['openid=%00', `openid=${'o'.repeat(9000)}`, 'openid[]=a&openid=b', 'kf_account=%ff', `kf_account=${'k'.repeat(9000)}`, 'openid=%E0%A4%A']) {
      for (const path of ['kfsession/getsession', 'kfsession/getsessionlist', 'kfsession/getwaitcase']) {
        const res = await wxCall(herald, 'GET', `/customservice/${path}?access_token=${token}&${q}`);
        expect(res.errcode, `${path} ${q}`).not.toBe(-1);
      }
    }
    expect(await get('/customservice/kfsession/getsession', token, `&openid=${openid}`)).toEqual({ kf_account: '', createtime: 0 });
  });
});
