import { afterAll, beforeAll, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { seedDemo, DEMO_LOGIN } from './demoSeeder.js';
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

  it('creates an admin, both account types and followers of both, once', async () => {
    const first = await seedDemo(herald.services);
    expect(first.email).toBe(DEMO_LOGIN.email);
    expect(first.accounts).toHaveLength(2);
    const rows = await herald.services.db.select().from(accounts);
    expect(rows.map((a) => [a.type, a.verified]).sort()).toEqual([['service', true], ['subscription', true]]);
    for (const a of first.accounts) {
      const row = rows.find((r) => r.appid === a.appid)!;
      expect(secretMatches(a.secret!, row.secretSalt, row.secretHash)).toBe(true);
      const [{ n }] = await herald.services.db.select({ n: count() }).from(follows).where(eq(follows.accountId, row.id));
      expect(n).toBeGreaterThanOrEqual(3);
    }
    const [admin] = await herald.services.db.select().from(operators).where(eq(operators.email, DEMO_LOGIN.email));
    expect(admin.platformAdmin).toBe(true);

    // Demo content: a published welcome article (after the publish job runs) and drafts on both accounts.
    const { newsGroups } = await import('../../modules/articles/schema.js');
    const groups = await herald.services.db.select().from(newsGroups);
    expect(groups.filter((g) => g.origin === 'draft')).toHaveLength(3);
    await expect.poll(async () => (await herald.services.db.select().from(newsGroups)).filter((g) => g.state === 'published').length, { timeout: 15_000 }).toBe(1);

    const again = await seedDemo(herald.services);
    expect(again.accounts.map((a) => a.appid).sort()).toEqual(first.accounts.map((a) => a.appid).sort());
    expect(again.accounts.every((a) => a.secret === undefined)).toBe(true);
    expect(await herald.services.db.select().from(accounts)).toHaveLength(2);
  });
});
