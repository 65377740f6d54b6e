/**
 * The console's Data pages through the API: figures equal to what the test did (follows by
 * source, unfollows, follower messages, shares, menu taps), the CSV files (BOM, quoting,
 * formulas neutralised), range rules, roles and hostile queries. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, makeOrg, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { chinaDay, nextChinaDayStart } from '../../platform/clock.js';
import { shareArticle } from '../reader/commands/articleSharer.js';
import { recordArticleView } from '../reader/commands/articleViewRecorder.js';
import { dayNumber, dayOf } from './rules/dateRange.js';

const DAY_S = 86_400;

describeEachDb('console: Data pages', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const sim = async (url: string, body: unknown) => {
    const r = await herald.app.inject({ method: 'POST', url: `/sim/v1${url}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Record<string, any>;
  };
  const today = () => chinaDay(herald.services.clock.nowMs());
  /** 01:00 China time of the next day. */
  const nextMorning = async () => {
    const now = herald.services.clock.nowMs();
    await sim('/clock/advance', { seconds: Math.ceil((nextChinaDayStart(now) - now) / 1000) + 3600 });
    return today();
  };

  it('shows what followers did, per day, source, type and button, the same in its CSV files', async () => {
    const org = await makeOrg(herald.services);
    const { appid, account } = await makeAccount(herald.services, { orgId: org.id, type: 'service', verified: true });
    const { client } = await signedInOperator(herald.app, herald.services, { orgId: org.id, role: 'owner' });
    const base = `/console/api/accounts/${appid}`;
    const put = await client.put(`${base}/menu`, {
      button: [
        { type: 'click', name: '今日=特价', key: 'TODAY' },
        { name: 'More', sub_button: [{ type: 'view', name: 'Site, "new"', url: 'https://example.com/' }] },
      ],
    });
    expect(put.status, put.body).toBe(200);

    const day = await nextMorning();
    const user = async () => (await sim('/users', { nickname: 'Reader' })).id as string;
    const users: string[] = [];
    for (let i = 0; i < 4; i++) {
      users.push(await user());
      await sim(`/users/${users[i]}/follow`, { account: appid, scene: 'ADD_SCENE_QR_CODE' });
    }
    const searcher = await user();
    await sim(`/users/${searcher}/follow`, { account: appid });
    await sim(`/users/${users[0]}/unfollow`, { account: appid });
    for (const t of ['text', 'text', 'image']) await sim(`/users/${users[1]}/messages`, { account: appid, msgtype: t, ...(t === 'text' ? { content: 'hi' } : {}) });
    for (let i = 0; i < 7; i++) await sim(`/users/${users[2]}/messages`, { account: appid, msgtype: 'text', content: `m${i}` });
    await sim(`/users/${users[1]}/menu-click`, { account: appid, path: [0] });
    await sim(`/users/${users[2]}/menu-click`, { account: appid, path: [0] });
    await sim(`/users/${users[2]}/menu-click`, { account: appid, path: [1, 0] });
    const made = await makePublishedArticle(herald.services.db, { accountId: account.id, title: '=cmd|"/c calc"!A1, 秋季', publishedAt: herald.services.clock.now() });
    for (let i = 0; i < 3; i++) await recordArticleView(herald.services, { articleId: made.article.id, accountId: account.id });
    await shareArticle(herald.services, { articleId: made.article.id, userId: users[1]!, target: 'chat' });
    await shareArticle(herald.services, { articleId: made.article.id, userId: users[2]!, target: 'moments' });

    // Today is not shown yet (figures run to yesterday): the last 7 days end the day before.
    const before = await client.get(`${base}/data/users?days=7`);
    expect(before.status, before.body).toBe(200);
    expect((before.json.data as any).end).toBe(dayOf((dayNumber(day) as number) - 1));
    await sim('/clock/advance', { seconds: DAY_S });

    const range = `begin=${day}&end=${day}`;
    const page = async (name: string) => {
      const r = await client.get(`${base}/data/${name}?${range}`);
      expect(r.status, r.body).toBe(200);
      return (r.json.data as any).tables as Record<string, { columns: string[]; rows: unknown[][] }>;
    };
    const usersPage = await page('users');
    expect(usersPage.daily).toEqual({ columns: ['ref_date', 'new_user', 'cancel_user', 'net_user', 'cumulate_user'], rows: [[day, 5, 1, 4, 4]] });
    expect(usersPage.sources!.rows).toEqual([[30, 4, 1, 3], [1, 1, 0, 1]]);

    const messages = await page('messages');
    expect(messages.daily!.columns).toEqual(['ref_date', 'msg_type_1', 'msg_type_2', 'msg_type_3', 'msg_type_4', 'msg_type_6', 'msg_count']);
    expect(messages.daily!.rows).toEqual([[day, 9, 1, 0, 0, 0, 10]]);
    expect(messages.types!.rows[0]).toEqual([1, 9, 2]);
    expect(messages.distribution!.rows).toEqual([[1, 1], [2, 1], [3, 0]]);

    const menus = await page('menus');
    expect(menus.daily!.rows).toEqual([[day, 3, 2]]);
    expect(menus.buttons!.rows).toEqual([['1', '今日=特价', 'click', 2, 2], ['2.1', 'Site, "new"', 'view', 1, 1]]);

    const content = await page('content');
    expect(content.daily!.rows).toEqual([[day, 3, 2, 2]]);
    expect(content.scenes!.rows).toEqual([[1, 1, 1], [2, 1, 1]]);
    expect(content.articles!.rows).toEqual([[expect.stringMatching(/_1$/), '=cmd|"/c calc"!A1, 秋季', 2, 2]]);

    // The same figures as the /datacube APIs answer (one place computes both).
    expect((await page('api')).daily!.rows).toEqual([[day, 0, 0, 0, 0]]);

    // CSV: the BOM, CRLF, quoting, and a spreadsheet formula neutralised.
    const csv = await client.get(`${base}/data/menus/csv?${range}&table=buttons`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${appid}-menus-buttons-${day}-${day}.csv"`);
    expect(csv.body).toBe(`\uFEFFposition,name,type,click_count,click_user\r\n1,今日=特价,click,2,2\r\n2.1,"Site, ""new""",view,1,1\r\n`);
    const articles = await client.get(`${base}/data/content/csv?${range}&table=articles`);
    expect(articles.body.split('\r\n')[1]).toMatch(/^\d+_1,"'=cmd\|""\/c calc""!A1, 秋季",2,2$/);
    const first = await client.get(`${base}/data/users/csv?${range}`);
    expect(first.body).toBe(`\uFEFFref_date,new_user,cancel_user,net_user,cumulate_user\r\n${day},5,1,4,4\r\n`);
  });

  it('refuses bad ranges, unknown pages and tables, other organizations and agents; hostile queries are 4xx', async () => {
    const org = await makeOrg(herald.services);
    const { appid } = await makeAccount(herald.services, { orgId: org.id, type: 'subscription', verified: false });
    const { client } = await signedInOperator(herald.app, herald.services, { orgId: org.id, role: 'owner' });
    const base = `/console/api/accounts/${appid}/data`;
    const yesterday = dayOf((dayNumber(today()) as number) - 1);
    const ok = await client.get(`${base}/users?days=30`);
    expect(ok.status).toBe(200);
    expect((ok.json.data as any).tables.daily.rows).toHaveLength(30);
    for (const [q, code] of [
      [`begin=${today()}&end=${today()}`, 'invalid_range'],
      [`begin=${yesterday}&end=2020-01-01`, 'invalid_range'],
      ['begin=2014-11-30&end=2014-12-01', 'invalid_range'],
      ['begin=2025-02-30&end=2025-03-01', 'invalid_range'],
      ['begin=2020-01-01&end=2020-12-31', 'invalid_range'],
      [`begin=${yesterday}`, 'invalid_range'],
      ['days=0', 'invalid_request'],
      ['days=93', 'invalid_request'],
      ['days=abc', 'invalid_request'],
      ['begin=2020-01-01T00:00:00Z&end=x', 'invalid_request'],
      ['begin[]=1&end[]=2', 'invalid_request'],
      ['other=1', 'invalid_request'],
      [`begin=%00%ff&end=${'9'.repeat(5000)}`, 'invalid_request'],
    ] as const) {
      const r = await client.get(`${base}/users?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error?.code, q).toBe(code);
    }
    expect((await client.get(`${base}/nope`)).status).toBe(404);
    expect((await client.get(`${base}/${'x'.repeat(3000)}/csv`)).status).toBe(404);
    expect((await client.get(`${base}/users/csv?table=nope`)).status).toBe(404);
    expect((await client.get(`${base}/users/csv?table=../../etc`)).status).toBe(400);
    expect((await client.get(`${base}/users/csv?table=${encodeURIComponent('a\r\nx-evil: 1')}`)).status).toBe(400);

    const other = await makeOrg(herald.services);
    const { client: stranger } = await signedInOperator(herald.app, herald.services, { orgId: other.id, role: 'owner' });
    expect((await stranger.get(`${base}/users`)).status).toBe(404);
    expect((await stranger.get(`${base}/users/csv`)).status).toBe(404);
    const { client: agent } = await signedInOperator(herald.app, herald.services, { orgId: org.id, role: 'agent' });
    expect((await agent.get(`${base}/users`)).status).toBe(403);
    expect((await agent.get(`${base}/users/csv`)).status).toBe(403);
    const anonymous = await herald.app.inject({ method: 'GET', url: `${base}/users/csv` });
    expect(anonymous.statusCode).toBe(401);
  });
});
