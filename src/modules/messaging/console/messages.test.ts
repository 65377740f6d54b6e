import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeOperator, signIn, signedInOperator, type ConsoleClient } from '../../../../test/consoleFixtures.js';
import { expectHostileBodiesRefused } from '../../../../test/hostileBodies.js';
import { inboxSetup, inquiry } from '../../../../test/inboxFixtures.js';
import { createFollowerUser } from '../../followers/commands/followerUserCreator.js';
import { followAccount } from '../../followers/commands/followAccount.js';
import { sendUserMessage } from '../commands/userMessageSender.js';
import { sendCustomMessage } from '../commands/customMessageSender.js';
import { listUserConversation } from '../store/conversations.js';
import { nextChinaDayStart } from '../../../platform/clock.js';
import type { FollowerMessagesView } from './messageRoutes.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Row = FollowerMessagesView['messages'][number];

describeEachDb('console 消息管理 (follower messages)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An operator's account without a developer server, and a follower who follows it. */
  async function setup() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const made = await makeAccount(h.services, { orgId: op.orgId });
    const follower = async (nickname: string) => {
      const user = await createFollowerUser(h.services, { nickname });
      const openid = await followAccount(h.services, user.id, made.appid);
      return { userId: user.id, openid };
    };
    const base = `/console/api/accounts/${made.appid}/messages`;
    const list = async (query = '', c: ConsoleClient = client) => {
      const r = await c.get(`${base}${query}`);
      expect(r.status, r.body).toBe(200);
      return r.json as unknown as FollowerMessagesView;
    };
    return { op, client, ...made, follower, base, list };
  }

  const say = (userId: string, appid: string, content: string) => sendUserMessage(h.services, userId, appid, { msgtype: 'text', content });
  const texts = (rows: Row[]) => rows.map((r) => r.text);

  it('lists every follower message newest first, with the follower, the type and whether it was answered', async () => {
    const s = await setup();
    const li = await s.follower('李梅');
    const wang = await s.follower('王强');
    await say(li.userId, s.appid, '你好，请问几点开门？');
    await sendUserMessage(h.services, wang.userId, s.appid, { msgtype: 'location', location_x: 31.23, location_y: 121.47, scale: 15, label: '上海市黄浦区' });
    await sendUserMessage(h.services, wang.userId, s.appid, { msgtype: 'link', title: '活动链接', description: '周末', url: 'https://example.com/a' });

    const view = await s.list();
    expect(view.range).toBe('last5');
    expect(texts(view.messages)).toEqual(['[link] 活动链接', '[location] 上海市黄浦区', '你好，请问几点开门？']);
    const [link, location, text] = view.messages;
    expect(text).toMatchObject({ msgtype: 'text', content: { text: '你好，请问几点开门？' }, starred: false, answered: null, follower: { openid: li.openid, nickname: '李梅' } });
    expect(location).toMatchObject({ msgtype: 'location', content: { label: '上海市黄浦区', latitude: 31.23, longitude: 121.47 } });
    expect(link).toMatchObject({ msgtype: 'link', content: { title: '活动链接', url: 'https://example.com/a' }, follower: { nickname: '王强' } });
    expect(text.window).toMatchObject({ state: 'open', messages_left: expect.any(Number) });
    // Raw storage fields are not sent.
    expect(Object.keys(text)).not.toContain('account_id');

    // An answer from any source (here the API's message/custom/send) marks earlier messages answered.
    await sendCustomMessage(h.services, s.account, { touser: li.openid, msgtype: 'text', text: { content: '九点开门' } });
    const after = await s.list();
    const answered = after.messages.find((m) => m.follower.openid === li.openid);
    expect(answered?.answered).toMatchObject({ source: 'custom', at: expect.any(String) });
    expect(after.messages.filter((m) => m.follower.openid === wang.openid).every((m) => m.answered === null)).toBe(true);
    // The reply itself is not a follower message.
    expect(texts(after.messages)).not.toContain('九点开门');
  });

  it('filters by follower, by words and by China calendar day, and pages with next_before', async () => {
    const s = await setup();
    const li = await s.follower('李梅');
    const wang = await s.follower('王强');
    await say(li.userId, s.appid, '第一条 100%_真');
    h.services.clock.advance(DAY);
    await say(wang.userId, s.appid, '第二条');
    await say(li.userId, s.appid, '第三条');

    expect(texts((await s.list(`?openid=${li.openid}`)).messages)).toEqual(['第三条', '第一条 100%_真']);
    expect(texts((await s.list(`?q=${encodeURIComponent('二')}`)).messages)).toEqual(['第二条']);
    // % and _ are letters in a search, not patterns.
    expect(texts((await s.list(`?q=${encodeURIComponent('%_')}`)).messages)).toEqual(['第一条 100%_真']);
    expect(texts((await s.list('?q=nothing-like-this')).messages)).toEqual([]);

    const today = await s.list('?range=today');
    const todayStart = nextChinaDayStart(h.services.clock.nowMs()) - DAY;
    expect(today.from).toBe(new Date(todayStart).toISOString());
    for (const m of today.messages) expect(Date.parse(m.created_at)).toBeGreaterThanOrEqual(todayStart);
    const yesterday = await s.list('?range=yesterday');
    for (const m of yesterday.messages) expect(Date.parse(m.created_at)).toBeLessThan(todayStart);
    expect([...today.messages, ...yesterday.messages].length).toBe(3);

    // Six days later the default (last 5 days) is empty; 全部 still has them.
    h.services.clock.advance(6 * DAY);
    // (Console sessions last less than a week: sign in again.)
    const again = await signIn(h.app, s.op.email, s.op.password);
    expect((await s.list('', again)).messages).toEqual([]);
    expect((await s.list('?range=day_before', again)).messages).toEqual([]);
    const all = await s.list('?range=all&limit=2', again);
    expect(texts(all.messages)).toEqual(['第三条', '第二条']);
    expect(all.next_before).toBe(all.messages[1].id);
    const rest = await s.list(`?range=all&limit=2&before=${all.next_before}`, again);
    expect(texts(rest.messages)).toEqual(['第一条 100%_真']);
    expect(rest.next_before).toBeNull();
  });

  it('stars and unstars a message; 星标消息 lists the starred ones', async () => {
    const s = await setup();
    const li = await s.follower('李梅');
    await say(li.userId, s.appid, '要收藏的');
    await say(li.userId, s.appid, '普通的');
    const [plain, keep] = (await s.list()).messages;
    expect(plain.text).toBe('普通的');

    const star = await s.client.put(`${s.base}/${keep.id}/star`, { starred: true });
    expect(star.status, star.body).toBe(200);
    expect(star.json).toEqual({ id: keep.id, starred: true });
    // Starring twice is fine.
    expect((await s.client.put(`${s.base}/${keep.id}/star`, { starred: true })).status).toBe(200);
    expect(texts((await s.list('?starred=true')).messages)).toEqual(['要收藏的']);
    expect((await s.list()).messages.map((m) => [m.text, m.starred])).toEqual([['普通的', false], ['要收藏的', true]]);

    expect((await s.client.put(`${s.base}/${keep.id}/star`, { starred: false })).status).toBe(200);
    expect((await s.list('?starred=true')).messages).toEqual([]);
  });

  it('answers a follower within 48 hours (the phone gets it) and refuses after, saying when the window closed', async () => {
    const s = await setup();
    const li = await s.follower('李梅');
    await say(li.userId, s.appid, '请问发货了吗？');
    const [m] = (await s.list()).messages;

    const r = await s.client.post(`${s.base}/${m.id}/reply`, { content: '今天发货' });
    expect(r.status, r.body).toBe(200);
    expect(r.json.window).toMatchObject({ state: 'open' });
    const phone = await listUserConversation(h.services.db, li.userId, { accountId: s.account.id });
    expect(phone.map((x) => [x.direction, x.source, (x.content as { content?: string }).content])).toEqual([
      ['in', 'user', '请问发货了吗？'],
      ['out', 'custom', '今天发货'],
    ]);
    expect((await s.list()).messages[0].answered).toMatchObject({ source: 'custom' });

    h.services.clock.advance(48 * HOUR + 60_000);
    const late = await s.client.post(`${s.base}/${m.id}/reply`, { content: '还在吗？' });
    expect(late.status).toBe(400);
    expect(late.json.error?.code).toBe('window_closed');
    expect(late.json.error?.details?.errcode).toBe(45015);
    const closedAt = late.json.error?.details?.closed_at as string;
    expect(Date.parse(closedAt)).toBe(Date.parse(m.created_at) + 48 * HOUR);
    expect(late.json.error?.message).toMatch(/48-hour window closed on \d{4}-\d\d-\d\d \d\d:\d\d UTC.*\(45015\)/);
    expect((await s.list('?range=all')).messages[0].window).toMatchObject({ state: 'closed' });
    // Nothing reached the phone.
    expect(await listUserConversation(h.services.db, li.userId, { accountId: s.account.id })).toHaveLength(2);
  });

  it('agrees with the customer-service inbox: an answer in either shows as answered in the other', async () => {
    const s = await inboxSetup(h);
    const base = `/console/api/accounts/${s.appid}/messages`;
    const f = await inquiry(h, s, '赵敏', '退货怎么办？');
    h.services.clock.advance(2 * 60_000);
    expect((await s.a.post(`${s.base}/${f.openid}/claim`)).status).toBe(200);
    // anna (a) answers from 消息管理: she works as a representative, so the inbox counts it.
    const [m] = ((await s.a.get(base)).json as unknown as FollowerMessagesView).messages;
    expect((await s.a.post(`${base}/${m.id}/reply`, { content: '请寄回' })).status).toBe(200);
    const inbox = (await s.a.get(s.base)).json as { mine: Array<{ openid: string; response: { state: string } }> };
    expect(inbox.mine.find((x) => x.openid === f.openid)?.response.state).toBe('answered');
    const convo = (await s.a.get(`${s.base}/${f.openid}/messages`)).json as { messages: Array<{ direction: string; kf_account: string | null }> };
    expect(convo.messages.at(-1)).toMatchObject({ direction: 'out', kf_account: s.anna });

    // The follower asks again; anna answers from the inbox: 消息管理 shows it answered.
    await sendUserMessage(h.services, f.userId, s.appid, { msgtype: 'text', content: '地址是？' });
    expect(((await s.a.get(base)).json as unknown as FollowerMessagesView).messages[0].answered).toBeNull();
    expect((await s.a.post(`${s.base}/${f.openid}/reply`, { msgtype: 'text', content: '见官网' })).status).toBe(200);
    const rows = ((await s.a.get(base)).json as unknown as FollowerMessagesView).messages;
    expect(rows.map((r) => [r.text, r.answered?.source])).toEqual([
      ['地址是？', 'kf'],
      ['退货怎么办？', 'kf'],
    ]);
  });

  it('keeps to the operator’s organization and refuses malformed and hostile input', async () => {
    const s = await setup();
    const li = await s.follower('李梅');
    await say(li.userId, s.appid, '你好');
    const [m] = (await s.list()).messages;

    // Another organization's operator sees nothing of it.
    const other = await signedInOperator(h.app, h.services);
    expect((await other.client.get(s.base)).status).toBe(404);
    expect((await other.client.put(`${s.base}/${m.id}/star`, { starred: true })).status).toBe(404);
    expect((await other.client.post(`${s.base}/${m.id}/reply`, { content: 'x' })).status).toBe(404);
    // A message of another account of mine, a reply (outbound) or nonsense ids are not messages here.
    const mine2 = await makeAccount(h.services, { orgId: s.op.orgId });
    expect((await s.client.put(`/console/api/accounts/${mine2.appid}/messages/${m.id}/star`, { starred: true })).status).toBe(404);
    await sendCustomMessage(h.services, s.account, { touser: li.openid, msgtype: 'text', text: { content: '回复' } });
    const out = (await listUserConversation(h.services.db, li.userId, { accountId: s.account.id })).find((x) => x.direction === 'out');
    expect((await s.client.put(`${s.base}/${out?.id}/star`, { starred: true })).status).toBe(404);
    for (const id of ['0', '-1', 'abc', '1e3', '9'.repeat(16), '%00', '1;drop']) {
      const r = await s.client.put(`${s.base}/${id}/star`, { starred: true });
      expect(r.status, id).toBe(404);
    }

    // Queries.
    for (const q of ['?range=week', '?openid=a%20b', `?openid=${'o'.repeat(65)}`, '?starred=yes', `?q=${'字'.repeat(65)}`, '?q=%00', '?before=abc', '?limit=1000', '?range=today&range=all', '?limit=0x10']) {
      const r = await s.client.get(`${s.base}${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error?.code, q).toBe('invalid_request');
    }
    expect((await s.list("?q=%27%20or%201%3D1%20--")).messages).toEqual([]);

    // Bodies.
    await expectHostileBodiesRefused(s.client, 'PUT', `${s.base}/${m.id}/star`);
    await expectHostileBodiesRefused(s.client, 'POST', `${s.base}/${m.id}/reply`);
    for (const body of [{ starred: 'true' }, { starred: 1 }, {}]) expect((await s.client.put(`${s.base}/${m.id}/star`, body)).status).toBe(400);
    for (const body of [{ content: '' }, { content: '   ' }, { content: 'a\u0000b' }, { content: 'x'.repeat(4097) }, { content: 5 }]) {
      expect((await s.client.post(`${s.base}/${m.id}/reply`, body)).status).toBe(400);
    }
    // Too long for WeChat (2048 bytes) though short enough for the form: WeChat's refusal, explained.
    const long = await s.client.post(`${s.base}/${m.id}/reply`, { content: '字'.repeat(1000) });
    expect(long.status).toBe(400);
    expect(long.json.error?.message).toMatch(/too long/);
    // Signed out: 401.
    expect((await h.app.inject({ method: 'GET', url: s.base })).statusCode).toBe(401);
  });
});

describeEachDb('console Herald clock', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reads and moves the same clock as the simulator, by seconds or to the next China midnight', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    const before = (await client.get('/console/api/clock')).json as { now: string; offset_seconds: number; next_china_midnight: string };
    expect(Math.abs(Date.parse(before.now) - h.services.clock.nowMs())).toBeLessThan(5_000);

    const r = await client.post('/console/api/clock/advance', { seconds: 3600 });
    expect(r.status, r.body).toBe(200);
    expect((r.json.offset_seconds as number) - before.offset_seconds).toBe(3600);
    const sim = await h.app.inject({ method: 'GET', url: '/sim/v1/clock' });
    expect((JSON.parse(sim.body) as { offset_seconds: number }).offset_seconds).toBe(r.json.offset_seconds);

    const midnight = await client.post('/console/api/clock/advance', { to: 'next_china_midnight' });
    expect(midnight.status).toBe(200);
    const now = Date.parse(midnight.json.now as string);
    // 00:00 China time is 16:00 UTC.
    expect(new Date(now).getUTCHours()).toBe(16);
    expect(new Date(now).getUTCMinutes()).toBe(0);
    expect(midnight.json.next_china_midnight).toBe(new Date(nextChinaDayStart(now + 1000)).toISOString());
  });

  it('lets owners and admins move it, not agents, and refuses malformed input', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const agentOp = await makeOperator(h.services, { orgId: op.orgId, role: 'agent' });
    const agent = await signIn(h.app, agentOp.email, agentOp.password);
    expect((await agent.get('/console/api/clock')).status).toBe(200);
    const refused = await agent.post('/console/api/clock/advance', { seconds: 60 });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('forbidden');

    for (const body of [{ seconds: 0 }, { seconds: -5 }, { seconds: 1.5 }, { seconds: 11 * 366 * 86_400 }, { seconds: '60' }, { to: 'tomorrow' }, { seconds: 60, to: 'next_china_midnight' }, {}]) {
      const r = await client.post('/console/api/clock/advance', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    await expectHostileBodiesRefused(client, 'POST', '/console/api/clock/advance');
  });
});

describe('console Herald clock in platform mode', () => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald('pglite', { env: { HERALD_MODE: 'platform' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is not there: reading and moving are refused', async () => {
    const { client } = await signedInOperator(h.app, h.services, { role: 'owner', platformAdmin: true });
    const offset = h.services.clock.offsetMs();
    for (const r of [await client.get('/console/api/clock'), await client.post('/console/api/clock/advance', { seconds: 60 })]) {
      expect(r.status).toBe(400);
      expect(r.json.error?.code).toBe('emulator_only');
    }
    expect(h.services.clock.offsetMs()).toBe(offset);
  });
});
