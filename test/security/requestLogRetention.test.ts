/**
 * Issue 10, finding 5: the request log grew without bound. Stored requests are now kept in a
 * window by age and by count (pruned by the workers), requests that name no account are not
 * stored, stored URLs and bodies are cut, and access_token is masked in stored URLs.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectWxError, fetchToken, wxCall } from '../wxClient.js';
import { loadConfig } from '../../src/main/config.js';
import { newRid } from '../../src/protocol/rid.js';
import { LOGGED_BODY_LIMIT, LOGGED_URL_LIMIT } from '../../src/surfaces/wechat/requestLog.js';
import { pruneRequestLog, startRequestLogRetention } from '../../src/surfaces/wechat/requestLogRetention.js';

const DAY_MS = 24 * 3600 * 1000;

describe('request log retention settings', () => {
  it('default to 7 days and 100,000 rows, and refuse nonsense', () => {
    expect(loadConfig({}).requestLog).toEqual({ maxAgeDays: 7, maxRows: 100_000 });
    expect(loadConfig({ HERALD_REQUEST_LOG_DAYS: '2', HERALD_REQUEST_LOG_ROWS: '500' }).requestLog).toEqual({ maxAgeDays: 2, maxRows: 500 });
    for (const env of [{ HERALD_REQUEST_LOG_DAYS: '0' }, { HERALD_REQUEST_LOG_DAYS: 'x' }, { HERALD_REQUEST_LOG_ROWS: '-5' }, { HERALD_REQUEST_LOG_ROWS: '1.5' }]) {
      expect(() => loadConfig(env)).toThrow(/HERALD_REQUEST_LOG/);
    }
  });
});

describeEachDb('request log retention', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    // A web-only node: no worker prunes behind the test's back (the schedule is started below).
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web', HERALD_REQUEST_LOG_DAYS: '2', HERALD_REQUEST_LOG_ROWS: '100' } });
  });
  afterAll(async () => {
    await herald?.close();
  });

  const count = async (where = sql`true`) =>
    Number((await herald.database.rows<{ n: string }>(sql`select count(*) as n from api_requests where ${where}`))[0].n);

  /** Stores `n` failed requests of an account, invoked `ageMs` ago (1 ms apart, oldest first). */
  async function store(accountId: string, n: number, ageMs: number): Promise<string[]> {
    const now = herald.services.clock.nowMs();
    const rids: string[] = [];
    for (let i = 0; i < n; i++) {
      const rid = newRid(now - ageMs + i);
      rids.push(rid);
      herald.services.requestLog.record({
        rid, accountId, invokedAt: new Date(now - ageMs + i), costMs: 1, method: 'GET',
        requestUrl: '/cgi-bin/user/get?access_token=t', requestBody: '', responseBody: '{"errcode":40003}', errcode: 40003, clientIp: '127.0.0.1',
      });
    }
    await herald.services.requestLog.flush();
    return rids;
  }

  it('prunes stored requests older than the configured days, then the oldest beyond the configured count', async () => {
    await pruneRequestLog(herald.services);
    const account = randomUUID();
    const old = await store(account, 30, 3 * DAY_MS);
    const recent = await store(account, 150, 60_000);
    expect(await count(sql`account_id = ${account}`)).toBe(180);
    const pruned = await pruneRequestLog(herald.services);
    expect(pruned.byAge).toBeGreaterThanOrEqual(30);
    expect(pruned.bySize).toBeGreaterThanOrEqual(50);
    expect(await count()).toBe(100);
    for (const rid of old) expect(await herald.services.requestLog.find(rid)).toBeUndefined();
    // The newest 100 are kept.
    const kept = await herald.database.rows<{ rid: string }>(sql`select rid from api_requests where account_id = ${account}`);
    expect(new Set(kept.map((r) => r.rid))).toEqual(new Set(recent.slice(50)));
    // Running again removes nothing.
    expect(await pruneRequestLog(herald.services)).toEqual({ byAge: 0, bySize: 0 });
  });

  it('prunes on the schedule the workers start', async () => {
    const account = randomUUID();
    await store(account, 5, 10 * DAY_MS);
    const stop = startRequestLogRetention(herald.services, 20);
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(await count(sql`account_id = ${account}`)).toBe(0);
  });

  it('stores no request that names no account: bad, missing or unknown tokens and AppIDs', async () => {
    const before = await count();
    const rids: string[] = [];
    const big = 'q'.repeat(3000);
    for (let i = 0; i < 200; i++) {
      rids.push(expectWxError(await wxCall(herald, 'GET', `/cgi-bin/user/get?access_token=bad${i}&x=${big}`), 40001));
    }
    rids.push(expectWxError(await wxCall(herald, 'GET', '/cgi-bin/user/get'), 41001));
    rids.push(expectWxError(await wxCall(herald, 'GET', '/cgi-bin/user/get?access_token=%00%01'), 40014));
    rids.push(expectWxError(await wxCall(herald, 'GET', '/cgi-bin/token?grant_type=client_credential&appid=wxnobody&secret=s'), 40013));
    await herald.services.requestLog.flush();
    expect(await count()).toBe(before);
    for (const rid of rids) expect(await count(sql`rid = ${rid}`)).toBe(0);
  });

  it('cuts stored URLs and bodies, masks access_token, and still stores what an account did', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const token = await fetchToken(herald, appid, secret);
    const longQuery = `x=${'y'.repeat(3000)}`;
    const body = { cgi_path: `/cgi-bin/${'z'.repeat(100)}`, pad: 'p'.repeat(10_000) };
    const failed = await wxCall(herald, 'POST', `/cgi-bin/openapi/quota/get?access_token=${encodeURIComponent(token)}&${longQuery}`, { body });
    const rid = expectWxError(failed, 76021);
    await herald.services.requestLog.flush();
    const [row] = await herald.database.rows<{ request_url: string; request_body: string; account_id: string }>(
      sql`select request_url, request_body, account_id from api_requests where rid = ${rid}`,
    );
    expect(row.account_id).toBe(account.id);
    expect(row.request_url).toMatch(/^\/cgi-bin\/openapi\/quota\/get\?access_token=\*\*\*&x=y+…\[\d+ more\]$/);
    expect(row.request_url.length).toBeLessThanOrEqual(LOGGED_URL_LIMIT + 20);
    expect(row.request_url).not.toContain(token);
    expect(row.request_body.length).toBeLessThanOrEqual(LOGGED_BODY_LIMIT + 20);
    // The in-memory window holds the same bounded, masked record for successful calls.
    const ok = await herald.app.inject({ method: 'GET', url: `/cgi-bin/getcallbackip?access_token=${encodeURIComponent(token)}&${longQuery}` });
    const okRid = String(ok.headers['x-herald-rid']);
    const remembered = await herald.services.requestLog.find(okRid);
    expect(remembered?.requestUrl).not.toContain(token);
    expect(remembered?.requestUrl.length).toBeLessThanOrEqual(LOGGED_URL_LIMIT + 20);
  });
});
