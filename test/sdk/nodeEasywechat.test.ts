/**
 * node-easywechat 3.6.2, unmodified, against a Herald listening on a real loopback port. Its base
 * URL is the documented `http.baseURL` option.
 *
 * node-easywechat 3.6.2 has no built-in refresh on an expired token (EasyWeChat for PHP has
 * AccessTokenExpiredRetryStrategy). It offers the documented `http.retry` option (axios-retry);
 * the 42001 test configures it with EasyWeChat's rule (the body carries both "42001" and
 * "access_token expired") and lets the SDK's own AccessToken.refresh() fetch the new token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { OfficialAccount, type OfficialAccountConfig } from 'node-easywechat';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectSdkCovered } from '../sdkCoverage.js';

/** EasyWeChat's test for a stale token: both markers in the response body. */
function isExpiredTokenBody(data: unknown): boolean {
  const text = typeof data === 'string' ? data : JSON.stringify(data ?? '');
  return text.includes('42001') && text.includes('access_token expired');
}

/** The official-account AccessToken the SDK builds; its declared interface omits refresh(). */
type RefreshableToken = ReturnType<OfficialAccount['getAccessToken']> & { refresh(): Promise<string> };
const tokenOf = (app: OfficialAccount) => app.getAccessToken() as RefreshableToken;

describeEachDb('node-easywechat against Herald', (kind) => {
  let herald: TestHerald;
  let cacheDir: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    cacheDir = mkdtempSync(path.join(tmpdir(), 'herald-easywechat-'));
  });
  afterAll(async () => {
    await herald?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  function appFor(appid: string, secret: string, extra: Partial<OfficialAccountConfig> = {}): OfficialAccount {
    return new OfficialAccount({
      app_id: appid,
      secret,
      token: 'herald',
      http: { baseURL: `${herald.url}/`, ...extra.http },
      file_cache: { path: cacheDir, dirMode: 0o700, fileMode: 0o600, ext: '.cache' },
      ...(extra.use_stable_access_token ? { use_stable_access_token: true } : {}),
    });
  }

  it('fetches a token and the callback IPs', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const app = appFor(appid, secret);
    const token = await app.getAccessToken().getToken();
    expect(token).toMatch(/^\d{2}_/);
    expect(await app.getAccessToken().getToken()).toBe(token); // cached by the SDK
    const res = await app.getClient().get('cgi-bin/getcallbackip');
    expect(res.toObject()).toEqual({ ip_list: herald.config.callbackIps });
    await expectSdkCovered(herald, account.id, 'node-easywechat', ['/cgi-bin/token', '/cgi-bin/getcallbackip']);
  });

  it('uses the stable token endpoint when configured to', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const app = appFor(appid, secret, { use_stable_access_token: true });
    const token = await app.getAccessToken().getToken();
    expect(token).toMatch(/^\d{2}_/);
    const res = await app.getClient().get('cgi-bin/getcallbackip');
    expect(res.toObject()).toEqual({ ip_list: herald.config.callbackIps });
    await expectSdkCovered(herald, account.id, 'node-easywechat', ['/cgi-bin/stable_token', '/cgi-bin/getcallbackip']);
  });

  it('sees 42001 with "access_token expired", refreshes its token and succeeds', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    const refreshed: string[] = [];
    const app: OfficialAccount = appFor(appid, secret, {
      http: {
        retry: {
          retries: 1,
          validateResponse: (res) => !isExpiredTokenBody(res.data),
          retryCondition: (err) => isExpiredTokenBody(err.response?.data),
          onRetry: async (_count, _err, config) => {
            const fresh = await tokenOf(app).refresh();
            refreshed.push(fresh);
            config.params = { ...config.params, access_token: fresh };
          },
        },
      },
    });
    const held = await app.getAccessToken().getToken();
    expect((await app.getClient().get('cgi-bin/getcallbackip')).toObject()).toEqual({ ip_list: herald.config.callbackIps });
    herald.services.clock.advance(7201 * 1000);
    // The SDK's cache still holds the old token (its clock did not move); Herald answers 42001.
    expect(await app.getAccessToken().getToken()).toBe(held);
    const res = await app.getClient().get('cgi-bin/getcallbackip');
    expect(res.toObject()).toEqual({ ip_list: herald.config.callbackIps });
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).not.toBe(held);
    expect(await app.getAccessToken().getToken()).toBe(refreshed[0]);
    await herald.services.requestLog.flush();
    const rows = await herald.database.rows<{ errcode: number; response_body: string }>(
      sql`select errcode, response_body from api_requests where account_id = ${account.id} and errcode <> 0`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].errcode).toBe(42001);
    expect(isExpiredTokenBody(rows[0].response_body)).toBe(true);
  });

  it('reports a wrong secret as an error carrying the errcode', async () => {
    const { appid } = await makeAccount(herald.services);
    const app = appFor(appid, 'e'.repeat(32));
    const err = (await app.getAccessToken().getToken().catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('Failed to get access_token');
    expect(err.message).toContain('40125');
    expect(err.message).toContain('invalid appsecret');
  });
});
