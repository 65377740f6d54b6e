import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { signedInOperator } from '../../../test/consoleFixtures.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { adEvents, donations } from './schema.js';
import { putSetting } from '../../platform/db/settings.js';
import { ADS_CATALOG_KEY } from './rules.js';
import { chinaDay } from '../../platform/clock.js';

describeEachDb('console API: revenue', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
    await putSetting(h.services.db, ADS_CATALOG_KEY, { impressionFen: 3, clickFen: 70, ads: [{ id: 'a1', advertiser: 'Acme', title: 'Acme ad', targetUrl: 'https://example.com/a', clickFen: 90 }] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sums donations and ad revenue exactly, per article and per China day', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { account, appid } = await makeAccount(h.services, { orgId: op.orgId });
    const a1 = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Tea', original: true, donationsEnabled: true, adsEnabled: true });
    const a2 = await makePublishedArticle(h.services.db, { accountId: account.id, title: 'Coffee', original: true, donationsEnabled: true });
    const reader = await phoneUser(h.app, 'Generous');
    for (const [id, fen] of [[a1.article.id, 100], [a1.article.id, 250], [a2.article.id, 5000]] as const) {
      expect((await reader.client.post(`/articles/${id}/donations`, { amountFen: fen, message: 'thanks' })).status).toBe(201);
    }
    for (let i = 0; i < 2; i++) await h.app.inject({ method: 'GET', url: `/s/${a1.article.id}`, headers: { 'user-agent': 'Mozilla/5.0' } });
    await h.app.inject({ method: 'GET', url: `/s/${a1.article.id}`, headers: { 'user-agent': 'Googlebot/2.1' } });
    expect((await h.app.inject({ method: 'GET', url: `/s/${a1.article.id}/ad/a1` })).statusCode).toBe(302);

    // Just before today began in China (counted in a 2-day view, not in a 1-day one), and long ago.
    const now = h.services.clock.nowMs();
    const todayStart = Date.parse(`${chinaDay(now)}T00:00:00+08:00`);
    await h.services.db.insert(adEvents).values([
      { articleId: a1.article.id, accountId: account.id, adId: 'a1', kind: 'click', revenueFen: 90, createdAt: new Date(todayStart - 1000) },
      { articleId: a1.article.id, accountId: account.id, adId: 'a1', kind: 'impression', revenueFen: 3, createdAt: new Date(now - 400 * 86_400_000) },
    ]);
    await h.services.db.insert(donations).values({ articleId: a2.article.id, accountId: account.id, amountFen: 777, createdAt: new Date(todayStart - 1000) });

    const one = await client.get(`/console/api/accounts/${appid}/revenue?days=1`);
    expect(one.status, one.body).toBe(200);
    const r1 = one.json as Record<string, any>;
    expect(r1.days).toBe(1);
    expect(r1.donations).toMatchObject({ total_fen: 5350, count: 3 });
    expect(r1.donations.by_article).toEqual([
      { article_id: a2.article.id, title: 'Coffee', count: 1, total_fen: 5000 },
      { article_id: a1.article.id, title: 'Tea', count: 2, total_fen: 350 },
    ]);
    expect(r1.donations.recent).toHaveLength(3);
    expect(r1.donations.recent[0]).toMatchObject({ donor: 'Generous', message: 'thanks' });
    expect(r1.ads).toEqual({ impressions: 2, clicks: 1, revenue_fen: 2 * 3 + 90, by_day: [{ day: chinaDay(now), impressions: 2, clicks: 1, revenue_fen: 96 }] });

    const two = (await client.get(`/console/api/accounts/${appid}/revenue?days=2`)).json as Record<string, any>;
    expect(two.donations).toMatchObject({ total_fen: 5350 + 777, count: 4 });
    expect(two.ads.by_day).toEqual([
      { day: chinaDay(todayStart - 1000), impressions: 0, clicks: 1, revenue_fen: 90 },
      { day: chinaDay(now), impressions: 2, clicks: 1, revenue_fen: 96 },
    ]);
    expect(two.ads).toMatchObject({ impressions: 2, clicks: 2, revenue_fen: 186 });

    const thirty = (await client.get(`/console/api/accounts/${appid}/revenue`)).json as Record<string, any>;
    expect(thirty.days).toBe(30);
    expect(thirty.ads.by_day).toHaveLength(30);
    expect(thirty.ads.revenue_fen).toBe(186);
  });

  it('keeps each organization to its own accounts and refuses bad periods', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    const stranger = await makeAccount(h.services);
    const theirs = await client.get(`/console/api/accounts/${stranger.appid}/revenue`);
    expect([theirs.status, theirs.json.error?.code]).toEqual([404, 'not_found']);
    for (const u of ['wxnotanappid', '..%2F..%2Fadmin', '%3Cscript%3E']) expect((await client.get(`/console/api/accounts/${u}/revenue`)).status).toBe(404);
    const { op, client: own } = await signedInOperator(h.app, h.services);
    const mine = await makeAccount(h.services, { orgId: op.orgId });
    for (const days of ['0', '-1', '367', 'abc', '1.5', '1e9', '']) {
      const r = await own.get(`/console/api/accounts/${mine.appid}/revenue?days=${days}`);
      expect(r.status, days).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    const anon = await h.app.inject({ method: 'GET', url: `/console/api/accounts/${mine.appid}/revenue` });
    expect(anon.statusCode).toBe(401);
  });
});
