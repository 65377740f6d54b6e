import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeOperator, signIn, signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { inboxSetup, inquiry as makeInquiry, type InboxSetup } from '../../../../test/inboxFixtures.js';
import { sendUserMessage } from '../../messaging/commands/userMessageSender.js';
import { findOpenSession } from '../store/kfSessions.js';

const HOUR = 3600 * 1000;

type Entry = {
  openid: string;
  nickname: string;
  kf_account?: string | null;
  preview: { text: string; direction: string } | null;
  waiting_since?: string;
  response?: { state: string; waiting_ms: number; due_at: string | null };
  window?: { state: string; messages_left: number | null; closes_at: string | null };
};
type Inbox = {
  now: string;
  me: { kf_account: string; online: boolean } | null;
  waiting_count: number;
  waiting: Entry[];
  mine: Entry[];
  others: Entry[];
  board: { overdue: Entry[]; at_risk: Entry[]; waiting: Entry[]; answered_count: number };
};

describeEachDb('console inbox API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const setup = (opts: { verified?: boolean } = {}) => inboxSetup(h, opts);
  const inquiry = (s: Pick<InboxSetup, 'appid' | 'account'>, nickname: string, text: string) => makeInquiry(h, s, nickname, text);

  const inbox = async (client: ConsoleClient, base: string): Promise<Inbox> => {
    const r = await client.get(base);
    expect(r.status, r.body).toBe(200);
    return r.json as unknown as Inbox;
  };

  it('lists a waiting follower; a representative claims them; colleagues see whose they are', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Li Mei', 'Where is my order?');
    const before = await inbox(s.a, s.base);
    expect(before.me).toEqual({ kf_account: s.anna, nickname: 'anna', online: true });
    expect(before.waiting_count).toBe(1);
    expect(before.waiting).toEqual([
      expect.objectContaining({ openid, nickname: 'Li Mei', preview: expect.objectContaining({ text: 'Where is my order?', parts: { kind: 'text', text: 'Where is my order?' }, direction: 'in' }), reserved_for: null }),
    ]);
    expect(before.waiting[0].waiting_since).toBeTypeOf('string');
    // Each list entry carries its window: the message opened 5 replies for 48 hours (following, 3 for a minute).
    expect(before.waiting[0].window).toMatchObject({ state: 'open', messages_left: 8 });
    expect(before.mine).toEqual([]);
    expect(before.board.waiting.map((e) => e.openid)).toEqual([openid]);

    const claimed = await s.a.post(`${s.base}/${openid}/claim`);
    expect(claimed.status, claimed.body).toBe(200);
    const after = claimed.json as unknown as Inbox;
    expect(after.waiting).toEqual([]);
    expect(after.mine).toEqual([expect.objectContaining({ openid, kf_account: s.anna, response: expect.objectContaining({ state: 'waiting' }) })]);
    expect((await findOpenSession(h.services.db, s.account.id, openid))?.kfAccount).toBe(s.anna);

    const bobs = await inbox(s.b, s.base);
    expect(bobs.mine).toEqual([]);
    expect(bobs.others).toEqual([expect.objectContaining({ openid, kf_account: s.anna, kf_nickname: 'anna' })]);
    // Two people cannot both take one follower (acceptSession's rule).
    const twice = await s.b.post(`${s.base}/${openid}/claim`);
    expect(twice.status).toBe(409);
    expect(twice.json.error?.code).toBe('kf_session_other');
    // Claiming again is harmless.
    expect((await s.a.post(`${s.base}/${openid}/claim`)).status).toBe(200);
  });

  it('claims only as an online representative', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Wang', 'Hello?');
    const nobody = await makeOperator(h.services, { orgId: s.orgId });
    const outsider = await signIn(h.app, nobody.email, nobody.password);
    const r = await outsider.post(`${s.base}/${openid}/claim`);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('not_representative');
    expect((await inbox(outsider, s.base)).me).toBeNull();

    await s.a.post(`${s.kfBase}/${s.anna}/presence`, { online: false });
    const offline = await s.a.post(`${s.base}/${openid}/claim`);
    expect(offline.status).toBe(400);
    expect(offline.json.error?.code).toBe('kf_offline');
    const real = (await inquiry(s, 'X', 'y')).openid;
    // Another openid of the same shape that no follower has.
    const notWaiting = await s.b.post(`${s.base}/${real.slice(0, -1)}${real.endsWith('Z') ? 'Y' : 'Z'}/claim`);
    expect(notWaiting.status).toBe(400);
    expect(notWaiting.json.error?.code).toBe('kf_no_session');
  });

  it('transfers to an online colleague, who closes; agents hand on only their own', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Zhao', 'Refund please');
    await s.a.post(`${s.base}/${openid}/claim`);

    await s.b.post(`${s.kfBase}/${s.bob}/presence`, { online: false });
    const offline = await s.a.post(`${s.base}/${openid}/transfer`, { kf_account: s.bob });
    expect(offline.status).toBe(400);
    expect(offline.json.error?.code).toBe('kf_offline');
    await s.b.post(`${s.kfBase}/${s.bob}/presence`, { online: true });
    const unknown = await s.a.post(`${s.base}/${openid}/transfer`, { kf_account: `nobody@${s.wechatId}` });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe('kf_not_found');

    const moved = await s.a.post(`${s.base}/${openid}/transfer`, { kf_account: s.bob.toUpperCase() });
    expect(moved.status, moved.body).toBe(200);
    expect((moved.json as unknown as Inbox).mine).toEqual([]);
    expect((moved.json as unknown as Inbox).others).toEqual([expect.objectContaining({ openid, kf_account: s.bob })]);
    expect((await inbox(s.b, s.base)).mine.map((e) => e.openid)).toEqual([openid]);

    // An agent with a kf account of their own cannot take or end Bob's conversation.
    const agentOp = await makeOperator(h.services, { orgId: s.orgId, role: 'agent' });
    const agent = await signIn(h.app, agentOp.email, agentOp.password);
    await agent.post(s.kfBase, { kf_account: 'carl', nickname: 'Carl' });
    await agent.post(`${s.kfBase}/carl@${s.wechatId}/presence`, { online: true });
    const grab = await agent.post(`${s.base}/${openid}/transfer`, { kf_account: `carl@${s.wechatId}` });
    expect(grab.status).toBe(403);
    expect(grab.json.error?.code).toBe('forbidden');
    const end = await agent.post(`${s.base}/${openid}/close`);
    expect(end.status).toBe(409);
    expect(end.json.error?.code).toBe('kf_session_other');

    const closed = await s.b.post(`${s.base}/${openid}/close`);
    expect(closed.status, closed.body).toBe(200);
    expect((closed.json as unknown as Inbox).mine).toEqual([]);
    expect(await findOpenSession(h.services.db, s.account.id, openid)).toBeUndefined();
    const again = await s.b.post(`${s.base}/${openid}/close`);
    expect(again.status).toBe(400);
    expect(again.json.error?.code).toBe('kf_no_session');
  });

  it('assigns a waiting follower to a representative', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Sun', 'Invoice?');
    const r = await s.a.post(`${s.base}/${openid}/assign`, { kf_account: s.bob });
    expect(r.status, r.body).toBe(200);
    expect((r.json as unknown as Inbox).others.map((e) => e.openid)).toEqual([openid]);
    expect((await inbox(s.b, s.base)).mine.map((e) => e.openid)).toEqual([openid]);
    const taken = await s.a.post(`${s.base}/${openid}/assign`, { kf_account: s.anna });
    expect(taken.status).toBe(409);
    expect(taken.json.error?.code).toBe('kf_session_other');
  });

  it('puts unanswered inquiries on the response-time board: at risk after 24 hours, overdue after 48', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Qian', 'Anyone there?');
    await s.a.post(`${s.base}/${openid}/claim`);
    h.services.clock.advance(25 * HOUR);
    const risky = (await inbox(s.a, s.base)).board;
    expect(risky.at_risk.map((e) => e.openid)).toEqual([openid]);
    expect(risky.overdue).toEqual([]);
    h.services.clock.advance(24 * HOUR);
    const late = (await inbox(s.a, s.base)).board;
    expect(late.overdue.map((e) => e.openid)).toEqual([openid]);
    expect(late.overdue[0].response?.waiting_ms).toBeGreaterThanOrEqual(48 * HOUR);
    expect(late.overdue[0]).toMatchObject({ nickname: 'Qian', kf_account: s.anna, status: 'active' });
    expect((await inbox(s.a, s.base)).mine[0].response?.state).toBe('overdue');
  });

  it('shows a conversation with its window, page by page', async () => {
    const s = await setup();
    const { openid, userId } = await inquiry(s, 'Zhou', 'First');
    for (let i = 2; i <= 4; i++) await sendUserMessage(h.services, userId, s.appid, { msgtype: 'text', content: `Message ${i}` });
    const r = await s.a.get(`${s.base}/${openid}/messages?limit=3`);
    expect(r.status, r.body).toBe(200);
    const page = r.json as unknown as {
      follower: { openid: string; nickname: string };
      session: { status: string; kf_account: string | null } | null;
      window: { state: string; messages_left: number | null; closes_at: string };
      messages: Array<{ id: number; direction: string; text: string; source: string }>;
      has_more: boolean;
      now: string;
    };
    expect(page.follower).toMatchObject({ openid, nickname: 'Zhou' });
    expect(page.session).toMatchObject({ status: 'waiting', kf_account: null });
    expect(page.messages.map((m) => m.text)).toEqual(['Message 2', 'Message 3', 'Message 4']);
    expect(page.messages.every((m) => m.direction === 'in' && m.source === 'user')).toBe(true);
    expect(page.has_more).toBe(true);
    // Each message opens a window of 5 messages for 48 hours.
    expect(page.window.state).toBe('open');
    expect(page.window.messages_left).toBeGreaterThanOrEqual(5);
    const left = new Date(page.window.closes_at).getTime() - new Date(page.now).getTime();
    expect(left).toBeGreaterThan(47.9 * HOUR);
    expect(left).toBeLessThanOrEqual(48 * HOUR);

    const older = await s.a.get(`${s.base}/${openid}/messages?limit=3&before=${page.messages[0].id}`);
    expect((older.json.messages as Array<{ text: string }>).map((m) => m.text)).toEqual(['First']);
    expect(older.json.has_more).toBe(false);
    const newer = await s.a.get(`${s.base}/${openid}/messages?after=${page.messages[1].id}`);
    expect((newer.json.messages as Array<{ text: string }>).map((m) => m.text)).toEqual(['Message 4']);

    h.services.clock.advance(49 * HOUR);
    const closed = await s.a.get(`${s.base}/${openid}/messages`);
    expect(closed.json.window).toMatchObject({ state: 'closed', messages_left: 0 });
    expect(new Date(String((closed.json.window as { closed_at: string }).closed_at)).getTime()).toBeLessThan(h.services.clock.nowMs());

    // An openid that is not this account's follower has no conversation here.
    const elsewhere = await setup();
    const theirs = await inquiry(elsewhere, 'Other', 'hi');
    expect((await s.a.get(`${s.base}/${theirs.openid}/messages`)).status).toBe(404);
  });

  it('needs a session and the CSRF header on every route, and hides other organizations', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Wu', 'Hi');
    const routes: Array<['GET' | 'POST', string, unknown]> = [
      ['GET', s.base, undefined],
      ['GET', `${s.base}/${openid}/messages`, undefined],
      ['POST', `${s.base}/${openid}/claim`, undefined],
      ['POST', `${s.base}/${openid}/assign`, { kf_account: s.bob }],
      ['POST', `${s.base}/${openid}/transfer`, { kf_account: s.bob }],
      ['POST', `${s.base}/${openid}/close`, undefined],
    ];
    const outsider = await signedInOperator(h.app, h.services);
    for (const [method, url, body] of routes) {
      const anon = await h.app.inject({ method, url, headers: body ? { 'content-type': 'application/json' } : {}, payload: body ? JSON.stringify(body) : undefined });
      expect(anon.statusCode, `${method} ${url}`).toBe(401);
      const foreign = await outsider.client.request(method, url, body);
      expect(foreign.status, `${method} ${url}`).toBe(404);
      if (method === 'POST') {
        const noCsrf = await s.a.request(method, url, body, { 'x-csrf-token': 'nope' });
        expect(noCsrf.status, `${method} ${url}`).toBe(403);
        expect(noCsrf.json.error?.code).toBe('csrf');
      }
    }
    // Nothing changed.
    expect((await findOpenSession(h.services.db, s.account.id, openid))?.status).toBe('waiting');
  });

  it('refuses malformed, oversized and hostile input with 4xx', async () => {
    const s = await setup();
    const { openid } = await inquiry(s, 'Zheng', 'Hi');
    await expectHostileBodiesRefused(s.a, 'POST', `${s.base}/${openid}/assign`);
    await expectHostileBodiesRefused(s.a, 'POST', `${s.base}/${openid}/transfer`);
    for (const body of [{ kf_account: '' }, { kf_account: 'x'.repeat(65) }, { kf_account: 'a\u0000' }, { kf_account: 5 }, { kf_account: null }, {}]) {
      const r = await s.a.post(`${s.base}/${openid}/assign`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    for (const bad of ['%00', 'a%20b', '..%2F..', `${'o'.repeat(65)}`, '%F0%9F%98%80', "o'--", '%E2%80%AE']) {
      for (const [method, suffix] of [['POST', 'claim'], ['POST', 'close'], ['GET', 'messages']] as const) {
        const r = await s.a.request(method, `${s.base}/${bad}/${suffix}`);
        expect(r.status, `${method} ${bad}/${suffix}`).toBe(404);
        expect(r.json.error?.code).toBe('not_found');
      }
    }
    const huge = await s.a.post(`${s.base}/${'o'.repeat(5000)}/claim`);
    expect(huge.status).toBe(404);
    for (const q of ['?before=x', '?before=-1', '?after=1e9', '?limit=abc', '?limit=1000', `?before=${'9'.repeat(16)}`, '?before=1&before=2']) {
      const r = await s.a.get(`${s.base}/${openid}/messages${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    expect((await s.a.get(`${s.base}/${openid}/messages?limit=0`)).status).toBe(200);
  });

  it('is closed to accounts that cannot have customer service', async () => {
    const s = await setup({ verified: false });
    const r = await s.a.get(s.base);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('kf_unavailable');
  });
});
