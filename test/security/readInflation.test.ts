/**
 * Issue 10, finding 8: reads, ad impressions, ad clicks and donations cannot be inflated
 * anonymously on a platform-mode Herald. Replays 200 anonymous requests of each kind.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { makePublishedArticle } from '../factories/articles.js';
import { putSetting } from '../../src/platform/db/settings.js';
import { ADS_CATALOG_KEY } from '../../src/modules/revenue/rules.js';
import { findArticle } from '../../src/modules/articles/store/articles.js';
import { SystemClock } from '../../src/platform/clock.js';
import { COUNTED_PER_ADDRESS_PER_HOUR, COUNT_WINDOW_MS } from '../../src/modules/reader/web/countingGuard.js';

const UA = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' };

describeEachDb('security: read, ad and donation inflation (issue 10, finding 8)', (kind) => {
  let h: TestHerald;
  const clock = new SystemClock({ adjustable: true });
  beforeAll(async () => {
    h = await startTestHerald(kind, { clock, env: { HERALD_MODE: 'platform' } });
    await putSetting(h.services.db, ADS_CATALOG_KEY, { impressionFen: 3, clickFen: 70, ads: [{ id: 'a1', advertiser: 'Acme', title: 'Acme ad', targetUrl: 'https://example.com/a', clickFen: 90 }] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const events = async (articleId: string) =>
    (await h.database.rows<{ kind: string; n: number; fen: number }>(sql`
      select kind, count(*)::int as n, coalesce(sum(revenue_fen), 0)::int as fen from ad_events where article_id = ${articleId} group by kind order by kind`));

  it('200 anonymous views and 200 ad clicks from one address count once each', { timeout: 120_000 }, async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, original: true, adsEnabled: true, donationsEnabled: true });
    for (let i = 0; i < 200; i++) {
      // Varying user agents and junk cookies change nothing: the reader is the address.
      const res = await h.app.inject({ method: 'GET', url: `/s/${article.id}`, remoteAddress: '203.0.113.5', headers: { 'user-agent': `Mozilla/5.0 r${i}`, cookie: `herald_reader=${i}` } });
      expect(res.statusCode).toBe(200);
    }
    for (let i = 0; i < 200; i++) {
      const res = await h.app.inject({ method: 'GET', url: `/s/${article.id}/ad/a1`, remoteAddress: '203.0.113.5', headers: UA });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('https://example.com/a');
    }
    expect((await findArticle(h.services.db, article.id))?.readCount).toBe(1);
    expect(await events(article.id)).toEqual([{ kind: 'click', n: 1, fen: 90 }, { kind: 'impression', n: 1, fen: 3 }]);

    // Crawlers never count; another reader does; the same reader again the next day.
    await h.app.inject({ method: 'GET', url: `/s/${article.id}/ad/a1`, remoteAddress: '203.0.113.6', headers: { 'user-agent': 'Googlebot/2.1' } });
    await h.app.inject({ method: 'GET', url: `/s/${article.id}`, remoteAddress: '203.0.113.6', headers: UA });
    expect((await findArticle(h.services.db, article.id))?.readCount).toBe(2);
    expect((await events(article.id))[0]).toEqual({ kind: 'click', n: 1, fen: 90 });
    clock.advance(COUNT_WINDOW_MS);
    await h.app.inject({ method: 'GET', url: `/s/${article.id}`, remoteAddress: '203.0.113.5', headers: UA });
    expect((await findArticle(h.services.db, article.id))?.readCount).toBe(3);
  });

  it('one address counts at most a bounded number of events an hour across articles', { timeout: 120_000 }, async () => {
    const { account } = await makeAccount(h.services);
    const ids: string[] = [];
    for (let i = 0; i < COUNTED_PER_ADDRESS_PER_HOUR + 10; i++) ids.push((await makePublishedArticle(h.services.db, { accountId: account.id })).article.id);
    for (const id of ids) await h.app.inject({ method: 'GET', url: `/s/${id}`, remoteAddress: '198.51.100.99', headers: UA });
    const [row] = await h.database.rows<{ total: number }>(sql`select sum(read_count)::int as total from articles where account_id = ${account.id}`);
    expect(row.total).toBe(COUNTED_PER_ADDRESS_PER_HOUR);
  });

  it('refuses donations in platform mode (payments are not available yet) and records none', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, original: true, donationsEnabled: true });
    const up = await h.app.inject({ method: 'POST', url: '/phone/api/signup', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'donor@example.com', nickname: 'D', password: 'password123' }) });
    const token = up.json().token as string;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const codes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await h.app.inject({ method: 'POST', url: `/phone/api/articles/${article.id}/donations`, headers: auth, payload: JSON.stringify({ amountFen: 50000 }) });
      codes.push(res.statusCode);
      if (i === 0) expect(res.json().error).toEqual({ code: 'payments_unavailable', message: 'Payments are not available yet on this platform, so donations cannot be made.' });
    }
    expect(new Set(codes)).toEqual(new Set([403]));
    const [row] = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from donations where article_id = ${article.id}`);
    expect(row.n).toBe(0);
    const view = await h.app.inject({ method: 'GET', url: `/phone/api/articles/${article.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(view.statusCode).toBe(200);
    expect(view.json().article.donationsEnabled).toBe(false);
    const page = await h.app.inject({ method: 'GET', url: `/s/${article.id}`, headers: UA });
    expect(page.body).not.toContain('action=donate');
  });
});
