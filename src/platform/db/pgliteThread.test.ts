import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite, types } from '@electric-sql/pglite';
import { PGliteThread } from './pgliteThread.js';

// The embedded database's thread must answer exactly as PGlite itself does: the same rows, types,
// errors and transaction behaviour, whether a statement runs prepared (it has parameters) or not.

const drizzleRaw = {
  [types.TIMESTAMP]: (v: string) => v,
  [types.TIMESTAMPTZ]: (v: string) => v,
  [types.INTERVAL]: (v: string) => v,
  [types.DATE]: (v: string) => v,
  1231: (v: string) => v,
  1115: (v: string) => v,
  1185: (v: string) => v,
  1187: (v: string) => v,
  1182: (v: string) => v,
};

const SCHEMA = `
  create table t (
    id bigserial primary key, u uuid not null default gen_random_uuid(), name text not null unique, n integer, big bigint,
    num numeric, ok boolean, at timestamptz, day date, j jsonb, tags text[], bytes bytea
  );`;

describe('PGliteThread', () => {
  let thread: PGliteThread;
  let direct: PGlite;

  beforeAll(async () => {
    thread = new PGliteThread(undefined, { startParams: PGlite.defaultStartParams });
    direct = new PGlite();
    await Promise.all([thread.waitReady, direct.waitReady]);
    await thread.exec(SCHEMA);
    await direct.exec(SCHEMA);
  }, 60_000);

  afterAll(async () => {
    await thread?.close();
    await direct?.close();
  });

  it('answers every type as PGlite does, prepared or not, in object and array rows', async () => {
    const insert = 'insert into t (name, n, big, num, ok, at, day, j, tags, bytes) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id, name';
    const params = [
      ['a', 1, 9007199254740993n, '12.50', true, new Date('2026-01-02T03:04:05.678Z'), '2026-01-02', { deep: { x: [1, 'two'] }, s: '引号"\'' }, ['x', 'y,z', 'q"'], new Uint8Array([0, 1, 255])],
      ['b', null, null, null, null, null, null, null, null, null],
      ["c'; drop table t; --", -5, 0n, '-0.001', false, '2026-11-25 12:00:00+08', '1999-12-31', [1, 2], [], new Uint8Array([])],
    ];
    for (const p of params) {
      const a = await thread.query(insert, p);
      const b = await direct.query(insert, p);
      expect(a.rows).toEqual(b.rows);
      expect(a.affectedRows).toBe(1);
    }
    const select = 'select id, name, n, big, num, ok, at, day, j, tags, bytes from t where id > $1 order by id';
    for (const rowMode of ['object', 'array'] as const) {
      for (const parsers of [undefined, drizzleRaw]) {
        // Twice: the first call prepares the statement, the second reuses it.
        for (let i = 0; i < 2; i++) {
          const a = await thread.query(select, [0], { rowMode, parsers });
          const b = await direct.query(select, [0], { rowMode, parsers });
          expect(a.rows).toEqual(b.rows);
          expect(a.fields).toEqual(b.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })));
        }
      }
    }
    const noParams = await thread.query('select name from t order by id');
    expect(noParams.rows).toEqual([{ name: 'a' }, { name: 'b' }, { name: "c'; drop table t; --" }]);
    const updated = await thread.query('update t set n = coalesce(n, 0) + $1 where id > $2', [1, 0]);
    expect(updated.affectedRows).toBe(3);
  });

  it('passes errors on with PostgreSQL’s code, constraint and detail', async () => {
    const dup = (await thread.query('insert into t (name) values ($1)', ['a']).then(() => ({}), (e: unknown) => e)) as Record<string, unknown>;
    expect(dup).toBeInstanceOf(Error);
    expect(dup).toMatchObject({ code: '23505', constraint: 't_name_key', table: 't' });
    expect(String(dup.detail)).toContain('(name)=(a)');
    const badUuid = await thread.query('select * from t where u = $1', ['not-a-uuid']).catch((e: unknown) => e as Record<string, unknown>);
    expect(badUuid).toMatchObject({ code: '22P02' });
    const syntax = await thread.query('select from where $1', [1]).catch((e: unknown) => e as Record<string, unknown>);
    expect(syntax).toMatchObject({ code: '42601' });
    // The database is fine afterwards, and the same statement works with good input.
    expect((await thread.query('select count(*)::int as c from t where u <> $1', ['00000000-0000-0000-0000-000000000000'])).rows).toEqual([{ c: 3 }]);
  });

  it('runs a transaction’s statements together, keeps others out until it ends, and rolls back on error', async () => {
    await thread.exec('create table log (seq serial primary key, who text not null)');
    const order: string[] = [];
    const tx = thread.transaction(async (t) => {
      await t.query('insert into log (who) values ($1)', ['tx-1']);
      await new Promise((r) => setTimeout(r, 50));
      await t.query('insert into log (who) values ($1)', ['tx-2']);
      order.push('tx');
    });
    // Sent while the transaction is open: must not land between its two statements.
    const outside = thread.query('insert into log (who) values ($1)', ['outside']).then(() => order.push('outside'));
    await Promise.all([tx, outside]);
    expect(order).toEqual(['tx', 'outside']);
    expect((await thread.query('select who from log order by seq')).rows.map((r) => (r as { who: string }).who)).toEqual(['tx-1', 'tx-2', 'outside']);

    await expect(
      thread.transaction(async (t) => {
        await t.query('insert into log (who) values ($1)', ['lost']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A failed statement whose error was caught leaves the transaction aborted: COMMIT must not pass silently.
    await expect(
      thread.transaction(async (t) => {
        await t.query('insert into log (who) values ($1)', ['lost too']);
        await t.query('insert into log (seq, who) values ($1, $2)', [1, 'duplicate']).catch(() => undefined);
      }),
    ).rejects.toMatchObject({ code: '25P02' });
    expect((await thread.query('select count(*)::int as c from log where who like $1', ['lost%'])).rows).toEqual([{ c: 0 }]);

    // Many transactions and statements at once: each transaction sees only its own writes in between.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? thread.transaction(async (t) => {
              await t.query('insert into log (who) values ($1)', [`many-${i}`]);
              return (await t.query<{ c: number }>('select count(*)::int as c from log where who = $1', [`many-${i}`])).rows[0].c;
            })
          : thread.query<{ c: number }>('select count(*)::int as c from log where who = $1', ['none']).then((r) => r.rows[0].c),
      ),
    );
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : 0)));
  });

  it('re-prepares a statement after its table changes shape, and keeps working past the prepared-statement limit', async () => {
    await thread.exec('create table shape (a int)');
    await thread.query('insert into shape values ($1)', [1]);
    expect((await thread.query('select * from shape where a = $1', [1])).rows).toEqual([{ a: 1 }]);
    await thread.exec('alter table shape add column b text');
    // PostgreSQL refuses a prepared statement whose result type changed once; the next call prepares it again.
    const first = await thread.query('select * from shape where a = $1', [1]).then(
      (r) => r.rows,
      (e: { code?: string }) => e.code,
    );
    if (first !== '0A000') expect(first).toEqual([{ a: 1, b: null }]);
    expect((await thread.query('select * from shape where a = $1', [1])).rows).toEqual([{ a: 1, b: null }]);

    // 1,100 distinct statements: older ones are dropped, each still answers correctly.
    for (let i = 0; i < 1100; i++) {
      const r = await thread.query<{ v: number }>(`select $1::int + ${i} as v`, [1]);
      expect(r.rows[0].v).toBe(1 + i);
    }
    expect((await thread.query<{ v: number }>('select $1::int + 0 as v', [41])).rows[0].v).toBe(41);
    const kept = (await thread.query<{ c: number }>("select count(*)::int as c from pg_prepared_statements where name like $1", ['herald\\_%'])).rows[0].c;
    expect(kept).toBeLessThanOrEqual(1000);
  });

  it('writes the time spent per statement when asked to (HERALD_PGLITE_STATS)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'herald-stats-')), 'stats.json');
    const t = new PGliteThread(undefined, { startParams: PGlite.defaultStartParams }, { statsFile: file });
    await t.waitReady;
    for (let i = 0; i < 3; i++) await t.query('select $1::int + 1 as v', [i]);
    await t.exec('select 1');
    await t.close();
    const stats = JSON.parse(readFileSync(file, 'utf8')) as Array<{ sql: string; calls: number; ms: number }>;
    expect(stats.find((s) => s.sql === 'select $1::int + 1 as v')).toMatchObject({ calls: 3 });
    expect(stats.find((s) => s.sql === 'select 1')).toMatchObject({ calls: 1 });
    expect(stats.every((s) => s.ms >= 0)).toBe(true);
  }, 60_000);

  it('refuses statements after close, and a failed start says why', async () => {
    const t = new PGliteThread(undefined, { startParams: PGlite.defaultStartParams });
    await t.waitReady;
    await t.close();
    await expect(t.query('select $1::int', [1])).rejects.toThrow(/embedded database/);
    const broken = new PGliteThread(undefined, { startParams: ['--no-such-option'] });
    await expect(broken.waitReady).rejects.toBeInstanceOf(Error);
    await broken.close();
  }, 60_000);
});
