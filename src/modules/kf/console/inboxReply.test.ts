import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeOperator, signIn, signedInOperator } from '../../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { inboxSetup, inquiry, type InboxSetup } from '../../../../test/inboxFixtures.js';
import { sendUserMessage } from '../../messaging/commands/userMessageSender.js';
import { unfollowAccount } from '../../followers/commands/unfollowAccount.js';
import { listUserConversation } from '../../messaging/store/conversations.js';
import { findOpenSession } from '../store/kfSessions.js';

const HOUR = 3600 * 1000;

type Message = { id: number; direction: string; source: string; text: string; kf_account: string | null; kf_nickname: string | null; operator_name: string | null };
type Page = { window: { state: string; messages_left: number | null; closed_at: string | null }; messages: Message[]; session: { status: string } | null };

describeEachDb('console inbox replies', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** anna has claimed a follower who wrote once (a window of 5 messages for 48 hours) a few minutes ago. */
  async function claimed() {
    const s = await inboxSetup(h);
    const f = await inquiry(h, s, 'Li Mei', 'Where is my order?');
    // Following opened a window of its own (3 messages for a minute): let it lapse.
    h.services.clock.advance(2 * 60_000);
    expect((await s.a.post(`${s.base}/${f.openid}/claim`)).status).toBe(200);
    return { s, ...f, url: `${s.base}/${f.openid}` };
  }

  const reply = (s: InboxSetup, url: string, content: string, client = s.a) => client.post(`${url}/reply`, { msgtype: 'text', content });

  it('sends a reply as my kf account: the follower gets it, the window counts it, the inquiry is answered', async () => {
    const { s, url, userId, openid } = await claimed();
    const r = await reply(s, url, 'It ships today.\nTracking follows.');
    expect(r.status, r.body).toBe(200);
    expect((r.json.sent as { id: number }).id).toBeGreaterThan(0);
    expect(r.json.window).toMatchObject({ state: 'open', messages_left: 4 });

    const page = (await s.a.get(`${url}/messages`)).json as unknown as Page;
    expect(page.messages.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'Where is my order?'],
      ['out', 'It ships today.\nTracking follows.'],
    ]);
    expect(page.messages[1]).toMatchObject({ source: 'kf', kf_account: s.anna, kf_nickname: 'anna', operator_name: 'Test Operator' });

    // What the follower's phone reads.
    const phone = await listUserConversation(h.services.db, userId, { accountId: s.account.id });
    expect(phone.map((m) => [m.direction, m.source, m.kfAccount])).toEqual([
      ['in', 'user', null],
      ['out', 'kf', s.anna],
    ]);
    expect((await findOpenSession(h.services.db, s.account.id, openid))?.lastReplyAt).not.toBeNull();
    const inbox = (await s.a.get(s.base)).json as { mine: Array<{ response: { state: string }; preview: { text: string; direction: string } }> };
    expect(inbox.mine[0].response.state).toBe('answered');
    expect(inbox.mine[0].preview).toMatchObject({ direction: 'out', text: 'It ships today. Tracking follows.' });
  });

  it('stops at the window count (45047) and after 48 hours (45015), in words a person can act on', async () => {
    const { s, url, userId } = await claimed();
    for (let i = 1; i <= 5; i++) expect((await reply(s, url, `Reply ${i}`)).status).toBe(200);
    const sixth = await reply(s, url, 'Reply 6');
    expect(sixth.status).toBe(400);
    expect(sixth.json.error?.code).toBe('window_exhausted');
    expect(sixth.json.error?.details?.errcode).toBe(45047);
    expect(sixth.json.error?.message).toMatch(/every message this window allows.*must message again.*\(45047\)/);
    expect(((await s.a.get(`${url}/messages`)).json as unknown as Page).window).toMatchObject({ state: 'exhausted', messages_left: 0 });

    // The follower writes again: a new window.
    await sendUserMessage(h.services, userId, s.appid, { msgtype: 'text', content: 'Hello?' });
    expect((await reply(s, url, 'Here again')).status).toBe(200);

    h.services.clock.advance(49 * HOUR);
    const late = await reply(s, url, 'Sorry for the wait');
    expect(late.status).toBe(400);
    expect(late.json.error?.code).toBe('window_closed');
    expect(late.json.error?.details?.errcode).toBe(45015);
    expect(late.json.error?.message).toMatch(/^The 48-hour window closed on \d{4}-\d\d-\d\d \d\d:\d\d UTC; the follower must message again/);
    const page = (await s.a.get(`${url}/messages`)).json as unknown as Page;
    expect(page.window.state).toBe('closed');
    expect(page.window.closed_at).not.toBeNull();
    // Nothing was sent.
    expect(page.messages.filter((m) => m.direction === 'out')).toHaveLength(6);
  });

  it('replies only in my own conversations, after claiming, as a representative', async () => {
    const s = await inboxSetup(h);
    const waiting = await inquiry(h, s, 'Wang', 'Hi');
    const first = await reply(s, `${s.base}/${waiting.openid}`, 'Hello');
    expect(first.status).toBe(400);
    expect(first.json.error?.code).toBe('claim_first');

    await s.b.post(`${s.base}/${waiting.openid}/claim`);
    const others = await reply(s, `${s.base}/${waiting.openid}`, 'Hello');
    expect(others.status).toBe(409);
    expect(others.json.error?.code).toBe('kf_session_other');
    expect(others.json.error?.message).toContain(s.bob);

    const plain = await makeOperator(h.services, { orgId: s.aOp.orgId });
    const client = await signIn(h.app, plain.email, plain.password);
    const nobody = await reply(s, `${s.base}/${waiting.openid}`, 'Hello', client);
    expect(nobody.status).toBe(403);
    expect(nobody.json.error?.code).toBe('not_representative');

    // After the session closes, the window still allows a reply outside a session.
    await s.b.post(`${s.base}/${waiting.openid}/close`);
    const after = await reply(s, `${s.base}/${waiting.openid}`, 'Anything else?');
    expect(after.status, after.body).toBe(200);
    expect(((await s.a.get(`${s.base}/${waiting.openid}/messages`)).json as unknown as Page).session).toBeNull();
  });

  it('explains a reply that is too long, an unknown image and a follower who left', async () => {
    const { s, url, userId } = await claimed();
    const long = await reply(s, url, '长'.repeat(700));
    expect(long.status).toBe(400);
    expect(long.json.error?.code).toBe('invalid_message');
    expect(long.json.error?.message).toMatch(/too long: at most 2048 bytes.*\(45002\)/);
    const image = await s.a.post(`${url}/reply`, { msgtype: 'image', content: 'no-such-media-id' });
    expect(image.status).toBe(400);
    expect(image.json.error?.code).toBe('invalid_media');
    expect((await reply(s, url, 'still fine')).status).toBe(200);

    await unfollowAccount(h.services, userId, s.appid);
    const gone = await reply(s, url, 'Are you there?');
    expect(gone.status).toBe(400);
    expect(gone.json.error?.code).toBe('not_following');
    expect(gone.json.error?.message).toMatch(/no longer follows.*\(43004\)/);
  });

  it('needs a session, the CSRF header and the right organization; refuses hostile input', async () => {
    const { s, url, openid } = await claimed();
    const anon = await h.app.inject({ method: 'POST', url: `${url}/reply`, headers: { 'content-type': 'application/json' }, payload: '{"msgtype":"text","content":"x"}' });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await s.a.request('POST', `${url}/reply`, { msgtype: 'text', content: 'x' }, { 'x-csrf-token': '' });
    expect(noCsrf.status).toBe(403);
    const outsider = await signedInOperator(h.app, h.services);
    expect((await outsider.client.post(`${url}/reply`, { msgtype: 'text', content: 'x' })).status).toBe(404);

    await expectHostileBodiesRefused(s.a, 'POST', `${url}/reply`);
    for (const body of [
      { msgtype: 'voice', content: 'x' },
      { msgtype: 'text', content: '' },
      { msgtype: 'text', content: 'a\u0000b' },
      { msgtype: 'text', content: '\ud800' },
      { msgtype: 'text', content: 'x'.repeat(4097) },
      { msgtype: 'text', content: 42 },
      { msgtype: 'text' },
      { content: 'x' },
    ]) {
      const r = await s.a.post(`${url}/reply`, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    for (const bad of ['%00', '..%2F', 'o'.repeat(65), 'unknown_openid_1234567890']) {
      const r = await s.a.post(`${s.base}/${bad}/reply`, { msgtype: 'text', content: 'x' });
      expect(r.status, bad).toBe(404);
    }
    // Whitespace-only text is the API's empty content (44004), answered as a 400.
    const blank = await reply(s, url, '   ');
    expect(blank.status).toBe(400);
    expect(((await s.a.get(`${s.base}/${openid}/messages`)).json as unknown as Page).messages.filter((m) => m.direction === 'out')).toHaveLength(0);
  });
});
