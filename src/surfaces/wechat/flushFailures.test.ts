/**
 * The quota meter and the request log write in the background; when a write fails (a database
 * that is down) the failure is logged through the app's logger, throttled, instead of swallowed.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeAccount, openTestDatabase } from '../../../test/harness.js';
import type { Database, Db } from '../../platform/db/connect.js';
import { SystemClock } from '../../platform/clock.js';
import { newRid } from '../../protocol/rid.js';
import { ThrottledFailureLog } from './failureLog.js';
import { QuotaMeter } from './quotaMeter.js';
import { RequestLog, type RequestRecord } from './requestLog.js';

interface Line {
  obj: Record<string, unknown>;
  msg: string;
}

const capture = () => {
  const lines: Line[] = [];
  return { lines, log: { error: (obj: object, msg: string) => lines.push({ obj: obj as Record<string, unknown>, msg }) } };
};

/** The real database, with every insert failing while `down.value` is true. */
function flaky(real: Db, down: { value: boolean }): Db {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== 'insert' || !down.value) return Reflect.get(target, prop, receiver);
      const fail = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
      return () => ({ values: () => ({ onConflictDoNothing: fail, onConflictDoUpdate: fail }) });
    },
  }) as Db;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('throttled failure log', () => {
  it('writes the first failure, counts the next ones, and writes again after the interval', () => {
    const { lines, log } = capture();
    let now = 0;
    const f = new ThrottledFailureLog(log, 'writes failed', 1000, () => now);
    f.report(new Error('a'));
    for (let i = 0; i < 50; i++) f.report(new Error('b'));
    expect(lines).toHaveLength(1);
    now = 1000;
    f.report(new Error('c'), { rid: 'r' });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ msg: 'writes failed', obj: { failuresSinceLastReport: 50, rid: 'r' } });
    expect((lines[1].obj.err as Error).message).toBe('c');
    new ThrottledFailureLog(undefined, 'nobody listens').report(new Error('x')); // no logger: nothing to do, no throw
  });
});

describeEachDb('background write failures', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const record = (accountId: string): RequestRecord => ({
    rid: newRid(Date.now()), accountId, invokedAt: new Date(), costMs: 1, method: 'GET',
    requestUrl: '/cgi-bin/user/get?access_token=t', requestBody: '', responseBody: '{"errcode":40003}', errcode: 40003, clientIp: '127.0.0.1',
  });

  it('RequestLog.flush logs why records could not be stored, once per interval while the database is down', async () => {
    const down = { value: true };
    const { lines, log } = capture();
    const requestLog = new RequestLog(flaky(database.db, down), log, 80);
    const account = randomUUID();
    for (let i = 0; i < 5; i++) requestLog.record(record(account));
    await requestLog.flush();
    for (let i = 0; i < 5; i++) {
      requestLog.record(record(account));
      await requestLog.flush();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(/request log records could not be stored/);
    expect((lines[0].obj.err as Error).message).toContain('ECONNREFUSED');
    await sleep(100);
    requestLog.record(record(account));
    await requestLog.flush();
    expect(lines).toHaveLength(2);
    expect(lines[1].obj.failuresSinceLastReport).toBeGreaterThanOrEqual(9);
    // Back up: records are stored again and nothing more is logged.
    down.value = false;
    const ok = record(account);
    requestLog.record(ok);
    await requestLog.flush();
    expect(await database.rows(sql`select rid from api_requests where rid = ${ok.rid}`)).toHaveLength(1);
    expect(lines).toHaveLength(2);
  });

  it('QuotaMeter.flush logs why counts could not be written, keeps them and writes them once the database is back', async () => {
    const { account } = await makeAccount({ db: database.db });
    const down = { value: true };
    const { lines, log } = capture();
    const meter = new QuotaMeter(flaky(database.db, down), new SystemClock(), log, 80);
    for (let i = 0; i < 3; i++) expect(await meter.take(account.id, '/cgi-bin/menu/get')).toBe(true);
    await meter.flush();
    await meter.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(/quota counts could not be written/);
    expect(lines[0].obj).toMatchObject({ api: '/cgi-bin/menu/get', calls: 3 });
    expect((await meter.usage(account.id, '/cgi-bin/menu/get')).used).toBe(3);
    down.value = false;
    await meter.flush();
    const rows = await database.rows<{ used: number }>(sql`select used from api_quota_usage where account_id = ${account.id}`);
    expect(rows.map((r) => Number(r.used))).toEqual([3]);
    expect(lines).toHaveLength(1);
  });
});
