import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { makeAccount, openTestDatabase, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { maintainEmbedded, startEmbeddedMaintenance } from './embeddedMaintenance.js';

interface TableStats {
  live: number;
  dead: number;
  changed: number;
  vacuumed: boolean;
  analyzed: boolean;
}

describe('embedded database maintenance (autovacuum for PGlite)', () => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald('pglite', { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  const stats = async (table: string): Promise<TableStats> => {
    await herald.database.rows(sql`select pg_stat_force_next_flush()`);
    return (
      await herald.database.rows<TableStats>(sql`
        select n_live_tup::int as live, n_dead_tup::int as dead, n_mod_since_analyze::int as changed,
               last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
          from pg_stat_user_tables where relname = ${table}`)
    )[0];
  };

  /** 1,000 outbox rows of one account, each then updated twice (as claim and settle do). */
  async function churn(accountId: string) {
    await herald.database.rows(sql`
      insert into deliveries (account_id, kind, label, openid, payload_xml, status, next_attempt_at, created_at)
      select ${accountId}::uuid, 'message', 'text', 'o' || g, '<xml/>', 'pending', now(), now() from generate_series(1, 1000) g`);
    await herald.database.rows(sql`update deliveries set status = 'delivering', attempts = attempts + 1 where account_id = ${accountId}::uuid`);
    await herald.database.rows(sql`update deliveries set status = 'delivered', completed_at = now() where account_id = ${accountId}::uuid`);
  }

  it('vacuums and analyzes a table past autovacuum’s thresholds, and leaves it alone after', async () => {
    const { account } = await makeAccount(herald.services);
    await churn(account.id);
    const before = await stats('deliveries');
    expect(before.dead).toBeGreaterThan(50 + 0.2 * before.live);

    const done = await maintainEmbedded(herald.services);
    expect(done.find((d) => d.table === 'deliveries')).toMatchObject({ action: 'vacuum analyze' });
    const after = await stats('deliveries');
    expect(after).toMatchObject({ dead: 0, changed: 0, vacuumed: true, analyzed: true });
    // The rows themselves are untouched.
    const rows = await herald.database.rows<{ n: number }>(sql`select count(*)::int as n from deliveries where account_id = ${account.id}::uuid and status = 'delivered'`);
    expect(rows[0].n).toBe(1000);

    // Nothing new to do: no table is maintained twice in a row.
    const again = await maintainEmbedded(herald.services);
    expect(again.map((d) => d.table)).not.toContain('deliveries');
  });

  it('analyzes a table that only grew, without vacuuming it', async () => {
    const { account } = await makeAccount(herald.services);
    await herald.database.rows(sql`
      insert into service_windows (account_id, openid, "trigger", opened_at, expires_at, "limit", used)
      select ${account.id}::uuid, 'o' || g, 'message', now(), now() + interval '2 days', 5, 0 from generate_series(1, 500) g`);
    const done = await maintainEmbedded(herald.services);
    expect(done.find((d) => d.table === 'service_windows')).toMatchObject({ action: 'analyze' });
    expect(await stats('service_windows')).toMatchObject({ changed: 0, analyzed: true, vacuumed: false });
  });

  it('runs by itself on a timer and stops when asked', async () => {
    const { account } = await makeAccount(herald.services);
    await churn(account.id);
    expect((await stats('deliveries')).dead).toBeGreaterThan(0);
    const stop = startEmbeddedMaintenance(herald.services, 50);
    try {
      const deadline = Date.now() + 10_000;
      while ((await stats('deliveries')).dead > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await stats('deliveries')).dead).toBe(0);
    } finally {
      await stop();
    }
  });
});

describe('embedded database maintenance on PostgreSQL', () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('is not started: PostgreSQL runs its own autovacuum', async () => {
    const database = await openTestDatabase('postgres');
    try {
      let queries = 0;
      const counting = { ...database, rows: (async (q: Parameters<typeof database.rows>[0]) => (queries++, database.rows(q))) as typeof database.rows };
      const stop = startEmbeddedMaintenance({ database: counting, log: pino({ level: 'silent' }) }, 10);
      await new Promise((r) => setTimeout(r, 100));
      await stop();
      expect(queries).toBe(0);
    } finally {
      await database.close();
    }
  });
});
