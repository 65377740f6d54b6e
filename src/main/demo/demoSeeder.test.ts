import { afterAll, beforeAll, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { seedDemo, DEMO_ENGLISH_EMAIL, DEMO_LOGIN } from './demoSeeder.js';
import { accounts } from '../../modules/accounts/schema.js';
import { follows } from '../../modules/followers/schema.js';
import { operators } from '../../modules/operators/schema.js';
import { secretMatches } from '../../protocol/ids.js';

describeEachDb('demo seeder', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => herald?.close());

  it('creates an admin, a Chinese organization with both account types and an English one beside it, once', async () => {
    const first = await seedDemo(herald.services);
    expect(first.email).toBe(DEMO_LOGIN.email);
    expect(first.englishEmail).toBe(DEMO_ENGLISH_EMAIL);
    expect(first.accounts).toHaveLength(3);
    const rows = await herald.services.db.select().from(accounts);
    expect(rows.map((a) => [a.name, a.type, a.verified]).sort()).toEqual([['Herald Daily', 'subscription', true], ['莲花咖啡', 'service', true], ['莲花日报', 'subscription', true]]);
    // Verified for a year at most; 莲花日报's verification runs out within 30 days (首页's notice).
    const now = herald.services.clock.nowMs();
    for (const r of rows) expect(r.verifiedUntil!.getTime()).toBeGreaterThan(now);
    expect(rows.find((r) => r.name === '莲花日报')!.verifiedUntil!.getTime() - now).toBeLessThanOrEqual(30 * 86_400_000);
    expect(rows.find((r) => r.name === 'Herald Daily')!.orgId).not.toBe(rows.find((r) => r.name === '莲花日报')!.orgId);
    for (const a of first.accounts) {
      const row = rows.find((r) => r.appid === a.appid)!;
      expect(secretMatches(a.secret!, row.secretSalt, row.secretHash)).toBe(true);
      const [{ n }] = await herald.services.db.select({ n: count() }).from(follows).where(eq(follows.accountId, row.id));
      expect(n).toBeGreaterThanOrEqual(2);
    }
    const [admin] = await herald.services.db.select().from(operators).where(eq(operators.email, DEMO_LOGIN.email));
    expect(admin.platformAdmin).toBe(true);
    const [englishOperator] = await herald.services.db.select().from(operators).where(eq(operators.email, DEMO_ENGLISH_EMAIL));
    expect(englishOperator.orgId).toBe(rows.find((r) => r.name === 'Herald Daily')!.orgId);
    const { followerUsers } = await import('../../modules/followers/schema.js');
    const names = (await herald.services.db.select().from(followerUsers)).map((u) => u.nickname);
    expect(names).toEqual(expect.arrayContaining(['李伟', '王芳', '陈杰', 'Emma Brown']));

    // Demo content: a published welcome article on each organization's subscription account (after the publish jobs run), drafts on every account.
    const { articles, newsGroups } = await import('../../modules/articles/schema.js');
    const groups = await herald.services.db.select().from(newsGroups);
    expect(groups.filter((g) => g.origin === 'draft')).toHaveLength(5);
    await expect.poll(async () => (await herald.services.db.select().from(newsGroups)).filter((g) => g.state === 'published').length, { timeout: 15_000 }).toBe(2);
    const titles = (await herald.services.db.select().from(articles)).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['欢迎关注莲花日报', '秋季菜单上新', 'Welcome to Herald Daily']));

    const again = await seedDemo(herald.services);
    expect(again.accounts.map((a) => a.appid).sort()).toEqual(first.accounts.map((a) => a.appid).sort());
    expect(again.accounts.every((a) => a.secret === undefined)).toBe(true);
    expect(await herald.services.db.select().from(accounts)).toHaveLength(3);
  });
});

describeEachDb('demo history', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => herald?.close());

  it('records a few weeks of activity for the Data pages, with the clock put back where it was', async () => {
    const offset = herald.services.clock.offsetMs();
    const started = Date.now();
    const creds = await seedDemo(herald.services);
    const seconds = (Date.now() - started) / 1000;
    expect(herald.services.clock.offsetMs()).toBe(offset);
    const { dataPage } = await import('../../modules/datacube/dataPages.js');
    const { consoleRange } = await import('../../modules/datacube/rules/dateRange.js');
    const range = consoleRange({ days: 30 }, herald.services.clock.nowMs());
    for (const a of creds.accounts.filter((x) => x.label !== '服务号 莲花咖啡')) {
      const [row] = await herald.services.db.select().from(accounts).where(eq(accounts.appid, a.appid));
      const sum = async (page: 'users' | 'content' | 'menus' | 'messages', table: string, column: string) => {
        const t = (await dataPage(herald.services.db, row!.id, page, range)).tables[table]!;
        const i = t.columns.indexOf(column);
        return t.rows.reduce((n, r) => n + Number(r[i]), 0);
      };
      const newFollows = await sum('users', 'daily', 'new_user');
      // Every follow the history made is in the figures, none outside them.
      const [{ n }] = await herald.services.db.select({ n: count() }).from(follows).where(eq(follows.accountId, row!.id));
      expect(newFollows).toBeGreaterThan(20);
      expect(newFollows).toBeLessThanOrEqual(n);
      expect(await sum('users', 'daily', 'cancel_user')).toBeGreaterThan(0);
      expect(await sum('content', 'daily', 'int_page_read_count')).toBeGreaterThan(20);
      expect(await sum('content', 'daily', 'share_count')).toBeGreaterThan(5);
      expect(await sum('menus', 'daily', 'click_count')).toBeGreaterThan(5);
      expect(await sum('messages', 'daily', 'msg_count')).toBeGreaterThan(20);
    }
    console.log(`demo seed with history: ${seconds.toFixed(1)} s`);
  });
});
