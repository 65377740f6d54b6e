import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { chinaDay } from '../../../platform/clock.js';

const DAY = 86_400_000;

describeEachDb('console read log (首页)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const read = async (id: string) => {
    const r = await h.app.inject({ method: 'GET', url: `/s/${id}`, headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0' } });
    expect(r.statusCode).toBe(200);
  };

  it('counts page reads per China day, the last 7 or 30 days, days without reads as 0', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId });
    const other = await makeAccount(h.services, { orgId: op.orgId });
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, title: '阅读记录' });
    const { article: elsewhere } = await makePublishedArticle(h.services.db, { accountId: other.account.id, title: 'Elsewhere' });

    const twoDaysAgo = chinaDay(h.services.clock.nowMs());
    await read(article.id);
    await read(article.id);
    h.services.clock.advance(2 * DAY);
    await read(article.id);
    await read(elsewhere.id);
    const today = chinaDay(h.services.clock.nowMs());

    const week = await client.get(`/console/api/accounts/${appid}/read-log`);
    expect(week.status).toBe(200);
    const log = (week.json as { read_log: { days: Array<{ day: string; reads: number }>; total: number } }).read_log;
    expect(log.days).toHaveLength(7);
    expect(log.days[6]).toEqual({ day: today, reads: 1 });
    expect(log.days[4]).toEqual({ day: twoDaysAgo, reads: 2 });
    expect(log.days.filter((d) => d.reads === 0)).toHaveLength(5);
    expect(log.total).toBe(3);
    // Consecutive days, oldest first.
    for (let i = 1; i < 7; i++) expect(Date.parse(log.days[i].day) - Date.parse(log.days[i - 1].day)).toBe(DAY);

    const month = await client.get(`/console/api/accounts/${appid}/read-log?days=30`);
    expect((month.json as { read_log: { days: unknown[]; total: number } }).read_log).toMatchObject({ total: 3 });
    expect((month.json as { read_log: { days: unknown[] } }).read_log.days).toHaveLength(30);
    const otherLog = await client.get(`/console/api/accounts/${other.appid}/read-log`);
    expect((otherLog.json as { read_log: { total: number } }).read_log.total).toBe(1);
  });

  it('refuses other spans and unknown parameters, strangers and other organizations', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId });
    for (const q of ['days=8', 'days=-1', 'days=7&x=1', `days=${'9'.repeat(5000)}`, 'days[]=7', "days=7'--"]) {
      const r = await client.get(`/console/api/accounts/${appid}/read-log?${q}`);
      expect(r.status, q).toBe(400);
    }
    const anon = await h.app.inject({ method: 'GET', url: `/console/api/accounts/${appid}/read-log` });
    expect(anon.statusCode).toBe(401);
    const stranger = await signedInOperator(h.app, h.services);
    expect((await stranger.client.get(`/console/api/accounts/${appid}/read-log`)).status).toBe(404);
  });
});
