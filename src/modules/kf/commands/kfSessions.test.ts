import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { DomainError } from '../../../platform/errors.js';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeFollower, makeKf, makeKfAccountOwner } from '../../../../test/factories/kf.js';
import { kfRecords } from '../schema.js';
import { enqueueWaitingSession } from './kfSessionQueuer.js';
import { acceptSession } from './kfSessionAcceptor.js';
import { transferSession } from './kfSessionTransferrer.js';
import { closeSession } from './kfSessionCloser.js';
import { createKfSession } from './kfSessionCreator.js';
import { setKfOnline } from './kfPresence.js';
import { recordUserMessageInSession } from './kfUserMessageRecorder.js';
import { recordAgentReply } from './kfAgentReplyRecorder.js';
import { findOpenSession, listSessionsForBoard, listWaitingSessions } from '../store/kfSessions.js';
import { getDelivery, listDeliveries } from '../../callbacks/store/deliveries.js';
import { responseBoard } from '../rules/responseTime.js';
import { parseXml, textOf } from '../../../protocol/xml.js';

const HOUR = 3600 * 1000;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'no error';
}

describeEachDb('kf session commands', (kind) => {
  let herald: TestHerald;
  let wakes = 0;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    herald.services.signals.on('deliveriesQueued', () => {
      wakes++;
    });
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function setup() {
    const s = herald.services;
    const owner = await makeKfAccountOwner(s);
    const anna = await makeKf(s, owner.account.id, owner.wechatId, 'anna');
    const bob = await makeKf(s, owner.account.id, owner.wechatId, 'bob');
    const openid = await makeFollower(s, owner.account.id);
    return { s, ...owner, accountId: owner.account.id, anna, bob, openid };
  }

  const records = (accountId: string, openid: string) =>
    herald.services.db
      .select({ opercode: kfRecords.opercode, worker: kfRecords.worker, text: kfRecords.text })
      .from(kfRecords)
      .where(and(eq(kfRecords.accountId, accountId), eq(kfRecords.openid, openid)))
      .orderBy(asc(kfRecords.id));

  /** The events pushed for an account, oldest first, as their XML fields. */
  async function events(accountId: string) {
    const list = (await listDeliveries(herald.services.db, accountId, { limit: 50 })).reverse();
    const out = [];
    for (const d of list) {
      const full = await getDelivery(herald.services.db, accountId, d.id);
      out.push({ status: d.status, fields: parseXml(full!.payloadXml).fields });
    }
    return out;
  }

  it('queues a follower once: an open session stays', async () => {
    const { s, accountId, openid } = await setup();
    const first = await enqueueWaitingSession(s, accountId, openid);
    expect(first).toMatchObject({ created: true, eventsQueued: false, session: { status: 'waiting', kfAccount: null } });
    const again = await enqueueWaitingSession(s, accountId, openid);
    expect(again.created).toBe(false);
    expect(again.session.id).toBe(first.session.id);
    expect(await records(accountId, openid)).toEqual([{ opercode: 1000, worker: '', text: '' }]);
    const { count, sessions } = await listWaitingSessions(s.db, accountId, 100);
    expect(count).toBe(1);
    expect(sessions[0].openid).toBe(openid);
  });

  it('queues inside a caller transaction with the caller time, and only one session when calls race', async () => {
    const { s, accountId, openid } = await setup();
    const at = new Date(s.clock.nowMs() - 5000);
    const queued = await s.db.transaction((tx) => enqueueWaitingSession(tx, accountId, openid, { at }));
    expect(queued.session.createdAt.getTime()).toBe(at.getTime());
    const other = await makeFollower(s, accountId);
    const raced = await Promise.all(Array.from({ length: 5 }, () => enqueueWaitingSession(s, accountId, other)));
    expect(raced.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(raced.map((r) => r.session.id)).size).toBe(1);
    await expect(s.db.transaction((tx) => enqueueWaitingSession(tx, accountId, openid, {} as { at: Date }))).rejects.toThrow(TypeError);
  });

  it('hands a follower straight to a named online worker and pushes kf_create_session', async () => {
    const { s, accountId, account, openid, anna } = await setup();
    const wakesBefore = wakes;
    const queued = await enqueueWaitingSession(s, accountId, openid, { preferredKf: anna.toUpperCase() });
    expect(queued).toMatchObject({ created: true, eventsQueued: true, session: { status: 'active', kfAccount: anna } });
    expect(wakes).toBe(wakesBefore + 1);
    expect((await records(accountId, openid)).map((r) => [r.opercode, r.worker])).toEqual([[1000, ''], [1001, anna]]);
    const [e] = await events(accountId);
    expect(e.status).toBe('skipped'); // no server configured
    expect(e.fields).toMatchObject({ ToUserName: account.originalId, FromUserName: openid, MsgType: 'event', Event: 'kf_create_session', KfAccount: anna });
    expect(Number(textOf(e.fields, 'CreateTime'))).toBe(Math.floor(queued.session.createdAt.getTime() / 1000));
  });

  it('keeps a follower waiting for a named offline worker only', async () => {
    const { s, accountId, openid, anna, bob } = await setup();
    await setKfOnline(s, accountId, anna, false);
    const queued = await enqueueWaitingSession(s, accountId, openid, { preferredKf: anna });
    expect(queued.session).toMatchObject({ status: 'waiting', kfAccount: anna });
    expect(await codeOf(acceptSession(s, accountId, openid, bob))).toBe('kf_session_other');
    expect(await codeOf(acceptSession(s, accountId, openid, anna))).toBe('kf_offline');
    await setKfOnline(s, accountId, anna, true);
    expect((await acceptSession(s, accountId, openid, anna)).status).toBe('active');
    // An unknown preferred worker: the common queue.
    const other = await makeFollower(s, accountId);
    expect((await enqueueWaitingSession(s, accountId, other, { preferredKf: 'ghost@nowhere' })).session.kfAccount).toBeNull();
  });

  it('accepts from the queue once, records 1001 and pushes kf_create_session', async () => {
    const { s, accountId, openid, anna, bob } = await setup();
    expect(await codeOf(acceptSession(s, accountId, openid, anna))).toBe('kf_no_session');
    await enqueueWaitingSession(s, accountId, openid);
    expect(await codeOf(acceptSession(s, accountId, openid, 'ghost@x'))).toBe('kf_not_found');
    const accepted = await acceptSession(s, accountId, openid, anna);
    expect(accepted).toMatchObject({ status: 'active', kfAccount: anna });
    expect(accepted.acceptedAt).not.toBeNull();
    expect((await acceptSession(s, accountId, openid, anna)).id).toBe(accepted.id);
    expect(await codeOf(acceptSession(s, accountId, openid, bob))).toBe('kf_session_other');
    expect((await records(accountId, openid)).map((r) => r.opercode)).toEqual([1000, 1001]);
    expect((await events(accountId)).map((e) => e.fields.Event)).toEqual(['kf_create_session']);
  });

  it('lets exactly one of two racing workers accept', async () => {
    const { s, accountId, openid, anna, bob } = await setup();
    await enqueueWaitingSession(s, accountId, openid);
    const results = await Promise.all([codeOf(acceptSession(s, accountId, openid, anna)), codeOf(acceptSession(s, accountId, openid, bob))]);
    expect(results.sort()).toEqual(['kf_session_other', 'no error']);
    expect((await records(accountId, openid)).filter((r) => r.opercode === 1001)).toHaveLength(1);
  });

  it('transfers an active session to an online worker with kf_switch_session', async () => {
    const { s, accountId, openid, anna, bob } = await setup();
    await enqueueWaitingSession(s, accountId, openid);
    expect(await codeOf(transferSession(s, accountId, openid, bob))).toBe('kf_no_session');
    await acceptSession(s, accountId, openid, anna);
    await setKfOnline(s, accountId, bob, false);
    expect(await codeOf(transferSession(s, accountId, openid, bob))).toBe('kf_offline');
    expect(await codeOf(transferSession(s, accountId, openid, 'ghost@x'))).toBe('kf_not_found');
    await setKfOnline(s, accountId, bob, true);
    expect((await transferSession(s, accountId, openid, bob)).kfAccount).toBe(bob);
    expect((await transferSession(s, accountId, openid, bob)).kfAccount).toBe(bob); // no change, no event
    expect((await records(accountId, openid)).map((r) => [r.opercode, r.worker])).toEqual([[1000, ''], [1001, anna], [1005, bob]]);
    const pushed = await events(accountId);
    expect(pushed.map((e) => e.fields.Event)).toEqual(['kf_create_session', 'kf_switch_session']);
    expect(pushed[1].fields).toMatchObject({ FromKfAccount: anna, ToKfAccount: bob, FromUserName: openid });
    expect(pushed[1].fields.KfAccount).toBeUndefined();
  });

  it('closes a session: only its worker may, 1004 is recorded and kf_close_session pushed', async () => {
    const { s, accountId, openid, anna, bob } = await setup();
    expect(await codeOf(closeSession(s, accountId, openid))).toBe('kf_no_session');
    await enqueueWaitingSession(s, accountId, openid, { preferredKf: anna });
    expect(await codeOf(closeSession(s, accountId, openid, bob))).toBe('kf_session_other');
    expect(await codeOf(closeSession(s, accountId, openid, 'ghost@x'))).toBe('kf_not_found');
    expect(await codeOf(closeSession(s, accountId, openid, anna, { text: 'x'.repeat(1025) }))).toBe('kf_invalid_param');
    const closed = await closeSession(s, accountId, openid, anna, { text: 'bye' });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(await findOpenSession(s.db, accountId, openid)).toBeUndefined();
    expect((await records(accountId, openid)).at(-1)).toEqual({ opercode: 1004, worker: anna, text: 'bye' });
    expect((await events(accountId)).map((e) => e.fields.Event)).toEqual(['kf_create_session', 'kf_close_session']);
    expect(await codeOf(closeSession(s, accountId, openid, anna))).toBe('kf_no_session');
    // A new session may start after a closed one.
    expect((await enqueueWaitingSession(s, accountId, openid)).created).toBe(true);
  });

  it('takes a follower out of the queue without a close event, unless only active sessions may close', async () => {
    const { s, accountId, openid, anna } = await setup();
    await enqueueWaitingSession(s, accountId, openid);
    expect(await codeOf(closeSession(s, accountId, openid, anna, { activeOnly: true }))).toBe('kf_no_session');
    await closeSession(s, accountId, openid, anna);
    expect(await events(accountId)).toEqual([]);
    expect((await records(accountId, openid)).map((r) => [r.opercode, r.worker])).toEqual([[1000, ''], [1004, anna]]);
  });

  it('starts a session on behalf of a worker (kfsession/create)', async () => {
    const { s, accountId, openid, anna, bob } = await setup();
    const unfollowed = await makeFollower(s, accountId, { subscribed: false });
    expect(await codeOf(createKfSession(s, accountId, { kfAccount: anna, openid: unfollowed }))).toBe('not_follower');
    expect(await codeOf(createKfSession(s, accountId, { kfAccount: 'ghost@x', openid }))).toBe('kf_not_found');
    await setKfOnline(s, accountId, anna, false);
    expect(await codeOf(createKfSession(s, accountId, { kfAccount: anna, openid }))).toBe('kf_offline');
    await setKfOnline(s, accountId, anna, true);
    const made = await createKfSession(s, accountId, { kfAccount: anna, openid, text: 'VIP' });
    expect(made).toMatchObject({ created: true, session: { status: 'active', kfAccount: anna } });
    expect((await createKfSession(s, accountId, { kfAccount: anna, openid })).created).toBe(false);
    expect(await codeOf(createKfSession(s, accountId, { kfAccount: bob, openid }))).toBe('kf_session_other');
    expect(await records(accountId, openid)).toEqual([{ opercode: 1002, worker: anna, text: 'VIP' }]);
    // A follower waiting in the common queue is taken.
    const waiting = await makeFollower(s, accountId);
    const queued = await enqueueWaitingSession(s, accountId, waiting);
    const taken = await createKfSession(s, accountId, { kfAccount: bob, openid: waiting });
    expect(taken.session.id).toBe(queued.session.id);
    expect(taken.session.kfAccount).toBe(bob);
    expect(await codeOf(createKfSession(s, accountId, { kfAccount: bob, openid: waiting, text: 'x'.repeat(1025) }))).toBe('kf_invalid_param');
  });

  it('records follower messages as 2001 while waiting and 2003 with a worker, and replies as 2002', async () => {
    const { s, accountId, openid, anna } = await setup();
    const t0 = s.clock.now();
    expect(await s.db.transaction((tx) => recordUserMessageInSession(tx, accountId, openid, 'hello?', t0))).toBeNull();
    expect(await records(accountId, openid)).toEqual([]);
    await enqueueWaitingSession(s, accountId, openid);
    const waiting = await s.db.transaction((tx) => recordUserMessageInSession(tx, accountId, openid, 'anyone?', t0));
    expect(waiting?.lastUserMessageAt?.getTime()).toBe(t0.getTime());
    await acceptSession(s, accountId, openid, anna);
    const t1 = new Date(t0.getTime() + 1000);
    await s.db.transaction((tx) => recordUserMessageInSession(tx, accountId, openid, 'my order', t1));
    const replied = await s.db.transaction((tx) => recordAgentReply(tx, accountId, openid, anna, 'on it', new Date(t1.getTime() + 1000)));
    expect(replied?.lastReplyAt?.getTime()).toBe(t1.getTime() + 1000);
    expect((await records(accountId, openid)).map((r) => [r.opercode, r.worker, r.text])).toEqual([
      [1000, '', ''],
      [2001, '', 'anyone?'],
      [1001, anna, ''],
      [2003, anna, 'my order'],
      [2002, anna, 'on it'],
    ]);
    const other = await makeFollower(s, accountId);
    expect(await s.db.transaction((tx) => recordAgentReply(tx, accountId, other, anna, 'proactive', t1))).toBeNull();
    expect(await records(accountId, other)).toEqual([{ opercode: 2002, worker: anna, text: 'proactive' }]);
  });

  it('feeds the 48-hour board: at risk after 24 h, overdue at 48 h, answered by a reply', async () => {
    const { s, accountId, openid, anna } = await setup();
    // An earlier message of another follower, in another account, must not count for this one.
    const elsewhere = await setup();
    await enqueueWaitingSession(s, elsewhere.accountId, elsewhere.openid);
    await s.db.transaction((tx) => recordUserMessageInSession(tx, elsewhere.accountId, elsewhere.openid, 'first', new Date(s.clock.nowMs() - 1000)));
    await enqueueWaitingSession(s, accountId, openid);
    await acceptSession(s, accountId, openid, anna);
    const asked = s.clock.now();
    await s.db.transaction((tx) => recordUserMessageInSession(tx, accountId, openid, 'refund?', asked));
    const boardAt = async () => {
      const rows = (await listSessionsForBoard(s.db, accountId)).filter((r) => r.openid === openid);
      return responseBoard(rows, s.clock.nowMs());
    };
    expect((await boardAt()).waiting).toHaveLength(1);
    s.clock.advance(25 * HOUR);
    // Asking again does not restart the clock.
    await s.db.transaction((tx) => recordUserMessageInSession(tx, accountId, openid, 'hello??', s.clock.now()));
    const risky = await boardAt();
    expect(risky.atRisk).toHaveLength(1);
    expect(risky.atRisk[0].response.askedAt?.getTime()).toBe(asked.getTime());
    s.clock.advance(23 * HOUR);
    const late = await boardAt();
    expect(late.overdue).toHaveLength(1);
    expect(late.overdue[0].response.waitingMs).toBeGreaterThanOrEqual(48 * HOUR);
    await s.db.transaction((tx) => recordAgentReply(tx, accountId, openid, anna, 'sorry!', s.clock.now()));
    expect(await boardAt()).toMatchObject({ overdue: [], atRisk: [], waiting: [], answeredCount: 1 });
    s.clock.advance(1000);
    await s.db.transaction((tx) => recordUserMessageInSession(tx, accountId, openid, 'thanks', s.clock.now()));
    const fresh = await boardAt();
    expect(fresh.waiting).toHaveLength(1);
    expect(fresh.waiting[0].response.waitingMs).toBeLessThan(60 * 1000);
  });
});
