/**
 * The datacube APIs through raw HTTP: figures computed from follows, unfollows, follower
 * messages, shares, reads and callback attempts made through the simulator and the reader's
 * commands with the Herald clock moved across China days; every date-rule refusal; hostile
 * bodies. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts } from '../accounts/schema.js';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { fetchToken, expectWxError, wxCall, type WxBody } from '../../../test/wxClient.js';
import { startDevServer, type DevServer } from '../../../test/devServer.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { chinaDay, nextChinaDayStart } from '../../platform/clock.js';
import { shareArticle } from '../reader/commands/articleSharer.js';
import { recordArticleView } from '../reader/commands/articleViewRecorder.js';
import { dayNumber, dayOf } from './rules/dateRange.js';
import { MAX_SPAN } from './rules/codes.js';

const DAY_S = 86_400;

describeEachDb('datacube APIs', (kind) => {
  let herald: TestHerald;
  let dev: DevServer;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    dev = await startDevServer();
  });
  afterAll(async () => {
    await dev?.close();
    await herald?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    herald.app.inject({ method, url, headers: body === undefined ? {} : { 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
  const json = (r: LightMyRequestResponse) => {
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Record<string, any>;
  };
  const today = () => chinaDay(herald.services.clock.now().getTime());
  const shift = (day: string, n: number) => dayOf((dayNumber(day) as number) + n);
  /** Moves the Herald clock to 01:00 China time of the next day, so a test's actions share one China hour. */
  const nextMorning = async () => {
    const now = herald.services.clock.now().getTime();
    const seconds = Math.ceil((nextChinaDayStart(now) - now) / 1000) + 3600;
    json(await call('POST', '/sim/v1/clock/advance', { seconds }));
    return today();
  };

  async function account(opts: { type?: 'service' | 'subscription'; verified?: boolean } = {}) {
    const a = json(await call('POST', '/sim/v1/accounts', { type: opts.type ?? 'service', verified: opts.verified ?? true, name: 'Data Cafe' }));
    const token = await fetchToken(herald, a.appid, a.secret);
    // A fresh token per call: the tests move the clock past a token's two hours.
    const cube = async (name: string, body: unknown): Promise<WxBody> =>
      wxCall(herald, 'POST', `/datacube/${name}?access_token=${await fetchToken(herald, a.appid, a.secret)}`, { body });
    return { appid: a.appid as string, token, cube };
  }
  const user = async () => json(await call('POST', '/sim/v1/users', { nickname: 'Reader' })).id as string;
  const follow = async (u: string, appid: string, scene?: string) => json(await call('POST', `/sim/v1/users/${u}/follow`, { account: appid, ...(scene ? { scene } : {}) }));
  const unfollow = async (u: string, appid: string) => json(await call('POST', `/sim/v1/users/${u}/unfollow`, { account: appid }));
  const say = async (u: string, appid: string, msgtype: string) =>
    json(await call('POST', `/sim/v1/users/${u}/messages`, { account: appid, msgtype, ...(msgtype === 'text' ? { content: 'hi' } : msgtype === 'link' ? { title: 't', description: 'd', url: 'https://example.com/' } : {}) }));

  it('user analysis: follows by source, unfollows and the running total per China day', async () => {
    const a = await account();
    const day1 = await nextMorning();
    const qr = [await user(), await user(), await user()];
    for (const u of qr) await follow(u, a.appid, 'ADD_SCENE_QR_CODE');
    await follow(await user(), a.appid); // search, the default scene
    json(await call('POST', '/sim/v1/clock/advance', { seconds: DAY_S }));
    const day2 = today();
    await unfollow(qr[0]!, a.appid);
    for (let i = 0; i < 2; i++) await follow(await user(), a.appid, 'ADD_SCENE_PROFILE_CARD');

    // Today is not yet reportable.
    expectWxError(await a.cube('getusersummary', { begin_date: day1, end_date: day2 }), 61501, 'date range error');
    json(await call('POST', '/sim/v1/clock/advance', { seconds: DAY_S }));

    expect(await a.cube('getusersummary', { begin_date: day1, end_date: day2 })).toEqual({
      list: [
        { ref_date: day1, user_source: 1, new_user: 1, cancel_user: 0 },
        { ref_date: day1, user_source: 30, new_user: 3, cancel_user: 0 },
        { ref_date: day2, user_source: 17, new_user: 2, cancel_user: 0 },
        { ref_date: day2, user_source: 30, new_user: 0, cancel_user: 1 },
      ],
    });
    expect(await a.cube('getusercumulate', { begin_date: shift(day1, -1), end_date: day2 })).toEqual({
      list: [
        { ref_date: shift(day1, -1), user_source: 0, cumulate_user: 0 },
        { ref_date: day1, user_source: 0, cumulate_user: 4 },
        { ref_date: day2, user_source: 0, cumulate_user: 5 },
      ],
    });
    // Another account's figures are its own: no activity, an empty list.
    const other = await account({ type: 'subscription' });
    expect(await other.cube('getusersummary', { begin_date: day1, end_date: day2 })).toEqual({ list: [] });
  });

  it('message analysis: per day, hour, week and month, by type and by how many each follower sent', async () => {
    const a = await account();
    const day = await nextMorning();
    const [lin, wu] = [await user(), await user()];
    await follow(lin, a.appid);
    await follow(wu, a.appid);
    for (const t of ['text', 'text', 'image', 'voice', 'video', 'shortvideo', 'link']) await say(lin, a.appid, t);
    for (let i = 0; i < 12; i++) await say(wu, a.appid, 'text');
    await call('POST', `/sim/v1/users/${wu}/messages`, { account: a.appid, msgtype: 'location', location_x: 31.2, location_y: 121.5, scale: 15, label: 'Shanghai' }); // not one of WeChat's counted types
    json(await call('POST', '/sim/v1/clock/advance', { seconds: DAY_S }));

    const perType = [
      { msg_type: 1, msg_user: 2, msg_count: 14 },
      { msg_type: 2, msg_user: 1, msg_count: 1 },
      { msg_type: 3, msg_user: 1, msg_count: 1 },
      { msg_type: 4, msg_user: 1, msg_count: 2 },
      { msg_type: 6, msg_user: 1, msg_count: 1 },
    ];
    const range = { begin_date: day, end_date: day };
    expect(await a.cube('getupstreammsg', range)).toEqual({ list: perType.map((p) => ({ ref_date: day, ...p })) });
    expect(await a.cube('getupstreammsghour', range)).toEqual({ list: perType.map((p) => ({ ref_date: day, ref_hour: 100, ...p })) });
    const monday = dayOf((dayNumber(day) as number) - (((dayNumber(day) as number) + 3) % 7));
    expect(await a.cube('getupstreammsgweek', range)).toEqual({ list: perType.map((p) => ({ ref_date: monday, ...p })) });
    expect(await a.cube('getupstreammsgmonth', range)).toEqual({ list: perType.map((p) => ({ ref_date: `${day.slice(0, 7)}-01`, ...p })) });
    // lin sent 7 (6–10: interval 2), wu 12 counted (>10: interval 3).
    const dist = [{ count_interval: 2, msg_user: 1 }, { count_interval: 3, msg_user: 1 }];
    expect(await a.cube('getupstreammsgdist', range)).toEqual({ list: dist.map((d) => ({ ref_date: day, ...d })) });
    expect(await a.cube('getupstreammsgdistweek', range)).toEqual({ list: dist.map((d) => ({ ref_date: monday, ...d })) });
    expect(await a.cube('getupstreammsgdistmonth', range)).toEqual({ list: dist.map((d) => ({ ref_date: `${day.slice(0, 7)}-01`, ...d })) });
  });

  it('article analysis: shares by scene and hour, reads from the read log, per-article summaries and totals', async () => {
    const a = await account();
    const [{ id }] = (await herald.services.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.appid, a.appid))) as [{ id: string }];
    const day = await nextMorning();
    const made = await makePublishedArticle(herald.services.db, { accountId: id, title: 'Autumn menu', publishedAt: herald.services.clock.now() });
    const [lin, wu] = [await user(), await user()];
    await follow(lin, a.appid);
    await follow(wu, a.appid);
    for (let i = 0; i < 5; i++) await recordArticleView(herald.services, { articleId: made.article.id, accountId: id });
    await shareArticle(herald.services, { articleId: made.article.id, userId: lin, target: 'chat' });
    await shareArticle(herald.services, { articleId: made.article.id, userId: lin, target: 'group' });
    await shareArticle(herald.services, { articleId: made.article.id, userId: wu, target: 'moments' });
    json(await call('POST', '/sim/v1/clock/advance', { seconds: DAY_S }));
    const day2 = today();
    await shareArticle(herald.services, { articleId: made.article.id, userId: wu, target: 'discover' });
    json(await call('POST', '/sim/v1/clock/advance', { seconds: DAY_S }));

    const zeros = { ori_page_read_user: 0, ori_page_read_count: 0, add_to_fav_user: 0, add_to_fav_count: 0 };
    expect(await a.cube('getusershare', { begin_date: day, end_date: day2 })).toEqual({
      list: [
        { ref_date: day, share_scene: 1, share_count: 2, share_user: 1 },
        { ref_date: day, share_scene: 2, share_count: 1, share_user: 1 },
        { ref_date: day2, share_scene: 255, share_count: 1, share_user: 1 },
      ],
    });
    expect(await a.cube('getusersharehour', { begin_date: day2, end_date: day2 })).toEqual({ list: [{ ref_date: day2, ref_hour: 100, share_scene: 255, share_count: 1, share_user: 1 }] });
    expect(await a.cube('getuserread', { begin_date: day, end_date: day2 })).toEqual({
      list: [
        { ref_date: day, user_source: 99999999, int_page_read_user: 0, int_page_read_count: 5, share_user: 2, share_count: 3, ...zeros },
        { ref_date: day2, user_source: 99999999, int_page_read_user: 0, int_page_read_count: 0, share_user: 1, share_count: 1, ...zeros },
      ],
    });
    expect(await a.cube('getuserreadhour', { begin_date: day, end_date: day })).toEqual({
      list: [{ ref_date: day, ref_hour: 100, user_source: 99999999, int_page_read_user: 0, int_page_read_count: 0, share_user: 2, share_count: 3, ...zeros }],
    });
    const msgid = `${made.msgDataId}_1`;
    expect(await a.cube('getarticlesummary', { begin_date: day2, end_date: day2 })).toEqual({
      list: [{ ref_date: day2, msgid, title: 'Autumn menu', int_page_read_user: 0, int_page_read_count: 0, share_user: 1, share_count: 1, ...zeros }],
    });
    const total = await a.cube('getarticletotal', { begin_date: day, end_date: day });
    expect(total).toEqual({
      list: [
        {
          ref_date: day,
          msgid,
          title: 'Autumn menu',
          details: [
            { stat_date: day, target_user: 2, int_page_read_user: 0, int_page_read_count: 0, share_user: 2, share_count: 3, ...zeros },
            { stat_date: day2, target_user: 2, int_page_read_user: 0, int_page_read_count: 0, share_user: 3, share_count: 4, ...zeros },
          ],
        },
      ],
    });
    expect(await a.cube('getarticletotal', { begin_date: day2, end_date: day2 })).toEqual({ list: [] });
  });

  it("interface analysis: WeChat's calls to the developer's server, with their latency", async () => {
    const a = await account();
    json(await call('PUT', `/sim/v1/accounts/${a.appid}/server`, { url: dev.url, token: 'devtoken', mode: 'plaintext' }));
    const day = await nextMorning();
    const seen = dev.requests.length;
    const before = dev.requests.filter((r) => r.method === 'POST').length;
    const u = await user();
    await follow(u, a.appid);
    for (let i = 0; i < 3; i++) await say(u, a.appid, 'text');
    await dev.waitFor(seen + 4);
    const calls = dev.requests.filter((r) => r.method === 'POST').length - before;
    expect(calls).toBe(4);
    json(await call('POST', '/sim/v1/clock/advance', { seconds: DAY_S }));
    const r = await a.cube('getinterfacesummary', { begin_date: day, end_date: day });
    expect(r).toEqual({ list: [{ ref_date: day, callback_count: calls, fail_count: 0, total_time_cost: expect.any(Number), max_time_cost: expect.any(Number) }] });
    const [item] = r.list as Array<{ total_time_cost: number; max_time_cost: number }>;
    expect(item!.total_time_cost).toBeGreaterThanOrEqual(item!.max_time_cost);
    const hour = await a.cube('getinterfacesummaryhour', { begin_date: day, end_date: day });
    expect(hour).toEqual({ list: [{ ...(r.list as object[])[0], ref_hour: 100 }] });
  });

  it('date rules: format (61500), range, span per API, yesterday and before (61501)', async () => {
    const a = await account();
    const yesterday = shift(today(), -1);
    for (const [name, max] of Object.entries(MAX_SPAN)) {
      expect(await a.cube(name, { begin_date: shift(yesterday, 1 - max), end_date: yesterday }), name).toMatchObject({ list: expect.any(Array) });
      expectWxError(await a.cube(name, { begin_date: shift(yesterday, -max), end_date: yesterday }), 61501, 'date range error');
    }
    const bad: Array<[unknown, unknown, number]> = [
      [undefined, yesterday, 61500],
      [yesterday, undefined, 61500],
      ['2026-02-30', '2026-03-01', 61500],
      ['2026-13-01', '2026-13-02', 61500],
      ['2024/01/01', '2024/01/02', 61500],
      ['2024-1-1', '2024-1-2', 61500],
      [20240101, 20240102, 61500],
      [['2024-01-01'], '2024-01-02', 61500],
      [{ $gt: '' }, '2024-01-02', 61500],
      [null, null, 61500],
      ['x'.repeat(3000), yesterday, 61500],
      [' 2024-01-01', '2024-01-01', 61500],
      ['2024-01-01\n', '2024-01-01', 61500],
      [yesterday, shift(yesterday, -1), 61501], // begin after end
      [today(), today(), 61501], // today is not over
      [shift(today(), 30), shift(today(), 30), 61501],
      ['2014-11-30', '2014-11-30', 61501], // before the data starts
    ];
    for (const [begin, end, code] of bad) {
      expectWxError(await a.cube('getusersummary', { begin_date: begin, end_date: end }), code, code === 61500 ? 'date format error' : 'date range error');
    }
    expect(await a.cube('getusersummary', { begin_date: '2014-12-01', end_date: '2014-12-01' })).toEqual({ list: [] });
    // Leap day: a real date in 2024.
    expect(await a.cube('getusercumulate', { begin_date: '2024-02-29', end_date: '2024-02-29' })).toEqual({ list: [{ ref_date: '2024-02-29', user_source: 0, cumulate_user: 0 }] });
  });

  it('hostile bodies: malformed JSON, wrong shapes, oversized; never a 500', async () => {
    const a = await account();
    const raw = (payload: string) =>
      herald.app.inject({ method: 'POST', url: `/datacube/getupstreammsg?access_token=${a.token}`, headers: { 'content-type': 'application/json' }, payload });
    for (const payload of ['', '{', 'hello', '{"begin_date": "2024-01-01",}', `${'['.repeat(5000)}${']'.repeat(5000)}`]) {
      const r = await raw(payload);
      expect(r.statusCode, payload.slice(0, 20)).toBe(200);
      expect((r.json() as WxBody).errcode, payload.slice(0, 20)).toBeGreaterThan(0);
    }
    for (const payload of ['[1,2]', '"2024-01-01"', '42', 'null', '{"__proto__": {"begin_date": "2024-01-01", "end_date": "2024-01-01"}}']) {
      expectWxError((await raw(payload)).json() as WxBody, 61500, 'date format error');
    }
    const huge = await raw(JSON.stringify({ begin_date: '2024-01-01', end_date: '2024-01-01', pad: 'x'.repeat(100_000) }));
    expect(huge.statusCode).toBe(200);
    expect((huge.json() as WxBody).errcode).toBeGreaterThan(0);
    // GET is not how the APIs are called.
    const get = await herald.app.inject({ method: 'GET', url: `/datacube/getusersummary?access_token=${a.token}` });
    expect(get.statusCode).toBe(200);
    expect((get.json() as WxBody).errcode).toBeGreaterThan(0);
  });

  it('unverified accounts may not use datacube (48001); no token is 41001', async () => {
    for (const opts of [{ type: 'service' as const, verified: false }, { type: 'subscription' as const, verified: false }]) {
      const a = await account(opts);
      expectWxError(await a.cube('getusersummary', { begin_date: '2024-01-01', end_date: '2024-01-01' }), 48001, 'api unauthorized');
    }
    const r = await wxCall(herald, 'POST', '/datacube/getusersummary', { body: { begin_date: '2024-01-01', end_date: '2024-01-01' } });
    expect(r.errcode).toBe(41001);
  });
});
