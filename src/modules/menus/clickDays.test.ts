/**
 * The per-day rollup of menu taps (menu_click_days) stays equal to the taps themselves
 * (menu_clicks) whatever writes them: one tap, a bulk INSERT … SELECT, deletes, an update that
 * moves a tap to another day, and an account's removal. Days are China days (UTC+8). Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, openTestDatabase } from '../../../test/harness.js';
import type { Database } from '../../platform/db/connect.js';
import { accounts } from '../accounts/schema.js';
import { menuClicks } from './schema.js';

describeEachDb('menus: taps per day', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  type Row = { day: string; position: string; name: string; type: string; openid: string; taps: number };
  /** The rollup of an account, and the same figures grouped from the raw taps. */
  const both = async (accountId: string) => {
    const rollup = await database.rows<Row>(sql`
      select to_char(day, 'YYYY-MM-DD') as day, position, name, type, openid, taps::int as taps
      from menu_click_days where account_id = ${accountId} order by 1, 2, 3, 4, 5`);
    const raw = await database.rows<Row>(sql`
      select to_char((created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') as day, position, name, type, openid, count(*)::int as taps
      from menu_clicks where account_id = ${accountId} group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`);
    return { rollup: rollup.map((r) => ({ ...r, taps: Number(r.taps) })), raw: raw.map((r) => ({ ...r, taps: Number(r.taps) })) };
  };
  const tap = (accountId: string, openid: string, position: string, at: string) =>
    database.db.insert(menuClicks).values({ accountId, openid, menuid: '1', position, name: `Button ${position}`, type: 'click', createdAt: new Date(at) });

  it('counts each tap on its China day, per button and follower', async () => {
    const { account } = await makeAccount({ db: database.db });
    // 15:59:59 UTC is 23:59:59 in China; 16:00 UTC is the next China day.
    await tap(account.id, 'oA', '1', '2026-03-01T15:59:59Z');
    await tap(account.id, 'oA', '1', '2026-03-01T16:00:00Z');
    await tap(account.id, 'oA', '1', '2026-03-01T17:00:00Z');
    await tap(account.id, 'oB', '2.1', '2026-03-01T17:00:00Z');
    const { rollup, raw } = await both(account.id);
    expect(rollup).toEqual([
      { day: '2026-03-01', position: '1', name: 'Button 1', type: 'click', openid: 'oA', taps: 1 },
      { day: '2026-03-02', position: '1', name: 'Button 1', type: 'click', openid: 'oA', taps: 2 },
      { day: '2026-03-02', position: '2.1', name: 'Button 2.1', type: 'click', openid: 'oB', taps: 1 },
    ]);
    expect(rollup).toEqual(raw);
  });

  it('stays equal to the taps through a bulk insert, deletes, an update and the account’s removal', async () => {
    const { account } = await makeAccount({ db: database.db });
    const other = await makeAccount({ db: database.db });
    await tap(other.account.id, 'oZ', '1', '2026-03-05T00:00:00Z');
    // 5,000 taps of 7 followers on 3 buttons over 4 days, in one statement.
    await database.rows(sql`
      insert into menu_clicks (account_id, openid, menuid, position, name, type, created_at)
      select ${account.id}::uuid, 'o' || (i % 7), '1', ((i % 3) + 1)::text, 'Button ' || ((i % 3) + 1), 'click',
             '2026-03-01T00:00:00Z'::timestamptz + (i * 69) * interval '1 second'
      from generate_series(0, 4999) as i`);
    let { rollup, raw } = await both(account.id);
    expect(rollup.reduce((n, r) => n + r.taps, 0)).toBe(5000);
    expect(rollup).toEqual(raw);

    // Delete one follower's taps on one day entirely, and some of another's.
    await database.rows(sql`delete from menu_clicks where account_id = ${account.id} and openid = 'o3' and created_at < '2026-03-01T16:00:00Z'`);
    await database.rows(sql`delete from menu_clicks where account_id = ${account.id} and openid = 'o4' and id % 2 = 0`);
    ({ rollup, raw } = await both(account.id));
    expect(rollup.some((r) => r.openid === 'o3' && r.day === '2026-03-01')).toBe(false);
    expect(rollup).toEqual(raw);

    // An update moves taps to another day and button.
    await database.rows(sql`update menu_clicks set created_at = created_at + interval '10 days', position = '9', name = 'Moved' where account_id = ${account.id} and openid = 'o5'`);
    ({ rollup, raw } = await both(account.id));
    expect(rollup.some((r) => r.openid === 'o5' && r.position === '9')).toBe(true);
    expect(rollup.some((r) => r.openid === 'o5' && r.position !== '9')).toBe(false);
    expect(rollup).toEqual(raw);

    // The account goes: its taps and their rollup with it; another account's are untouched.
    await database.db.delete(accounts).where(eq(accounts.id, account.id));
    expect(await both(account.id)).toEqual({ rollup: [], raw: [] });
    const kept = await both(other.account.id);
    expect(kept.rollup).toEqual([{ day: '2026-03-05', position: '1', name: 'Button 1', type: 'click', openid: 'oZ', taps: 1 }]);
  });
});
