/**
 * Data pages over a million recorded events (BENCH_ONLY=datacube): 1,000,000 menu taps
 * (menu_clicks rows, as clickMenu records them: 2,000 followers, 5 buttons, 30 China days) are
 * written with one INSERT … SELECT, then the console's menu analysis (taps and distinct
 * followers per day and per button over the 30 days, dataPage 'menus') is timed beside a plain
 * count(*) of the same rows in the same database, same run. Median of 5 runs each, after one
 * warm-up run. BENCH_DATACUBE_N overrides the number of rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { connect } from '../src/platform/db/connect.js';
import { registerAccount } from '../src/modules/accounts/index.js';
import { organizations } from '../src/modules/operators/schema.js';
import { dataPage } from '../src/modules/datacube/dataPages.js';
import { dayEnd, dayStart } from '../src/modules/datacube/rules/dateRange.js';
import { report } from './lib.js';

const N = Number((process.env.BENCH_DATACUBE_N ?? '1000000').replace(/_/g, ''));
const RUNS = 5;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

export async function benchDatacube(label: string, databaseUrl?: string): Promise<void> {
  const dataDir = databaseUrl ? undefined : mkdtempSync(path.join(tmpdir(), 'herald-bench-datacube-'));
  const database = databaseUrl ? await connect({ kind: 'postgres', url: databaseUrl, max: 2 }) : await connect({ kind: 'pglite', dataDir });
  try {
    const [org] = await database.db.insert(organizations).values({ name: 'Bench' }).returning();
    const { account } = await registerAccount(database.db, { orgId: org!.id, type: 'service', verified: true, name: 'Bench Cafe' });
    const range = { begin: '2026-03-01', end: '2026-03-30' };
    const from = dayStart(range.begin);
    const t0 = performance.now();
    // Spread over the 30 days; 2,000 followers; 5 buttons.
    await database.rows(sql`
      insert into menu_clicks (account_id, openid, menuid, position, name, type, created_at)
      select ${account.id}::uuid, 'o' || (i % 2000), '1', ((i % 5) + 1)::text, 'Button ' || ((i % 5) + 1), 'click',
             ${from.toISOString()}::timestamptz + ((i::bigint * 2592000000) / ${N}) * interval '1 millisecond'
      from generate_series(0, ${N - 1}) as i`);
    await database.rows(sql`analyze menu_clicks`);
    console.log(`  [${label}] ${N.toLocaleString('en-US')} menu taps written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const to = dayEnd(range.end);
    let counted = 0;
    const baseline = await median(async () => {
      const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from menu_clicks where account_id = ${account.id} and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz`);
      counted = Number(row?.n);
    });
    let taps = 0;
    const page = await median(async () => {
      const view = await dataPage(database.db, account.id, 'menus', range);
      taps = view.tables.daily!.rows.reduce((n, r) => n + Number(r[1]), 0);
    });
    if (taps !== N || counted !== N) throw new Error(`figures differ from the rows: page ${taps}, count(*) ${counted}, written ${N}`);
    report({
      name: `datacube menu analysis, ${N.toLocaleString('en-US')} taps, 30 days [${label}]`,
      value: page,
      unit: 'ms',
      baseline: { name: 'count(*) of the same rows', value: baseline },
      target: { text: 'within 3× count(*)', met: page <= 3 * baseline },
    });
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
