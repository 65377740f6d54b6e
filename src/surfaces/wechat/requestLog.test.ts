import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, openTestDatabase } from '../../../test/harness.js';
import type { Database, Db } from '../../platform/db/connect.js';
import { RequestLog, type RequestRecord } from './requestLog.js';
import { newRid } from '../../protocol/rid.js';

const recordOf = (rid: string, over: Partial<RequestRecord> = {}): RequestRecord => ({
  rid,
  // Failed requests are stored when they name an account (test/security/requestLogRetention.test.ts covers
  // the ones that name none).
  accountId: '00000000-0000-4000-8000-0000000000aa',
  invokedAt: new Date(),
  costMs: 1,
  method: 'POST',
  requestUrl: '/cgi-bin/openapi/rid/get?access_token=t',
  requestBody: '{}',
  responseBody: '{"errcode":40001}',
  errcode: 40001,
  clientIp: '127.0.0.1',
  ...over,
});

describeEachDb('request log', (kind) => {
  it('keeps successful requests in memory only, findable by rid, with the paths each account called', async () => {
    const log = new RequestLog(database.db);
    const rid = newRid(Date.now());
    const accountId = '00000000-0000-4000-8000-000000000001';
    log.record(recordOf(rid, { errcode: 0, responseBody: '{"ip_list":[]}', accountId, requestUrl: '/cgi-bin/getcallbackip?access_token=t' }));
    await log.flush();
    expect(await stored(rid)).toBe(0);
    expect((await log.find(rid))?.responseBody).toBe('{"ip_list":[]}');
    expect([...log.pathsCalled(accountId)]).toEqual(['/cgi-bin/getcallbackip']);
  });

  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const stored = async (rid: string) =>
    (await database.rows<{ rid: string }>(sql`select rid from api_requests where rid = ${rid}`)).length;

  it('finds a record while its batch is being written', async () => {
    // The real database, with inserts held at a gate so the write is observably in progress.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const real = database.db;
    const slow = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop !== 'insert') return Reflect.get(target, prop, receiver);
        return (table: Parameters<Db['insert']>[0]) => ({
          values: (rows: RequestRecord | RequestRecord[]) => ({
            onConflictDoNothing: () => gate.then(() => target.insert(table).values(rows as RequestRecord[]).onConflictDoNothing()),
          }),
        });
      },
    }) as Db;
    const log = new RequestLog(slow);
    const rid = newRid(Date.now());
    log.record(recordOf(rid));
    const flushing = log.flush();
    await new Promise((resolve) => setTimeout(resolve, 30)); // the batch has left the buffer
    expect(await stored(rid)).toBe(0);
    expect((await log.find(rid))?.rid).toBe(rid);
    open();
    await flushing;
    expect(await stored(rid)).toBe(1);
    expect((await log.find(rid))?.rid).toBe(rid);
  });

  it('stores the rest of a batch when one record cannot be stored', async () => {
    const log = new RequestLog(database.db);
    const good = [newRid(Date.now()), newRid(Date.now())];
    const bad = newRid(Date.now());
    log.record(recordOf(good[0]));
    log.record(recordOf(bad, { accountId: 'not-a-uuid' }));
    log.record(recordOf(good[1], { requestBody: 'nul \u0000 byte', requestUrl: `/x?${'a'.repeat(10_000)}` }));
    await log.flush();
    expect(await stored(good[0])).toBe(1);
    expect(await stored(good[1])).toBe(1);
    expect(await stored(bad)).toBe(0);
    const [row] = await database.rows<{ request_body: string; request_url: string }>(
      sql`select request_body, request_url from api_requests where rid = ${good[1]}`,
    );
    expect(row.request_body).toBe('nul \\u0000 byte');
    expect(row.request_url.length).toBeLessThan(4200);
  });
});
