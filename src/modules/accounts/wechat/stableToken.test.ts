import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, useToken, wxCall, type WxBody } from '../../../../test/wxClient.js';
import { nextChinaDayStart } from '../../../platform/clock.js';
import { setIpWhitelist } from '../commands/ipWhitelistSetter.js';

const SEC = 1000;
const MIN = 60 * SEC;

describeEachDb('/cgi-bin/stable_token', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const stable = (body: unknown, remoteAddress?: string): Promise<WxBody> =>
    wxCall(herald, 'POST', '/cgi-bin/stable_token', { body, remoteAddress });
  const creds = (appid: string, secret: string, force?: boolean) => ({
    grant_type: 'client_credential',
    appid,
    secret,
    ...(force === undefined ? {} : { force_refresh: force }),
  });

  /** Moves the clock to 01:00 China time of the next day, so a test's calls share one China day. */
  function toStartOfNextChinaDay() {
    const now = herald.services.clock.nowMs();
    herald.services.clock.advance(nextChinaDayStart(now) - now + 60 * MIN);
  }

  it('returns the same token in normal mode, with the real seconds left', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const first = await stable(creds(appid, secret));
    expect(Object.keys(first).sort()).toEqual(['access_token', 'expires_in']);
    expect(first.expires_in).toBe(7200);
    expect((await useToken(herald, String(first.access_token))).ip_list).toBeDefined();
    herald.services.clock.advance(1000 * SEC);
    const again = await stable(creds(appid, secret, false));
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeGreaterThanOrEqual(6198);
    expect(again.expires_in).toBeLessThanOrEqual(6200);
  });

  it('rotates the token when less than 5 minutes remain, so expires_in is never below 300', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const first = await stable(creds(appid, secret));
    herald.services.clock.advance(6800 * SEC); // 400 s left
    const same = await stable(creds(appid, secret));
    expect(same.access_token).toBe(first.access_token);
    expect(same.expires_in).toBeGreaterThanOrEqual(398);
    herald.services.clock.advance(150 * SEC); // 250 s left
    const rotated = await stable(creds(appid, secret));
    expect(rotated.access_token).not.toBe(first.access_token);
    expect(rotated.expires_in).toBe(7200);
    // The old one keeps working until its own expiry.
    expect((await useToken(herald, String(first.access_token))).ip_list).toBeDefined();
    herald.services.clock.advance(250 * SEC);
    expectWxError(await useToken(herald, String(first.access_token)), 42001, 'access_token expired');
    expect((await useToken(herald, String(rotated.access_token))).ip_list).toBeDefined();
    expect((await stable(creds(appid, secret))).access_token).toBe(rotated.access_token);
  });

  it('is isolated from /cgi-bin/token', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const s = String((await stable(creds(appid, secret))).access_token);
    const t1 = await fetchToken(herald, appid, secret);
    await fetchToken(herald, appid, secret);
    herald.services.clock.advance(6 * MIN);
    expectWxError(await useToken(herald, t1), 40001); // superseded by the second /token call
    expect((await useToken(herald, s)).ip_list).toBeDefined();
    expect((await stable(creds(appid, secret))).access_token).toBe(s);
    // And a stable force_refresh leaves /token's token alone.
    const t3 = await fetchToken(herald, appid, secret);
    await stable(creds(appid, secret, true));
    herald.services.clock.advance(6 * MIN);
    expect((await useToken(herald, t3)).ip_list).toBeDefined();
  });

  it('force_refresh issues a new token; the previous works 5 more minutes; calls need 30 s between them', async () => {
    toStartOfNextChinaDay();
    const { appid, secret } = await makeAccount(herald.services);
    const s1 = String((await stable(creds(appid, secret))).access_token);
    const f1 = await stable(creds(appid, secret, true));
    expect(f1.expires_in).toBe(7200);
    const s2 = String(f1.access_token);
    expect(s2).not.toBe(s1);
    expectWxError(await stable(creds(appid, secret, true)), 45011, 'api minute-quota reach limit must slower retry next minute');
    herald.services.clock.advance(29 * SEC);
    expectWxError(await stable(creds(appid, secret, true)), 45011);
    // Normal mode is not limited and returns the forced token.
    expect((await stable(creds(appid, secret))).access_token).toBe(s2);
    herald.services.clock.advance(1 * SEC);
    const s3 = String((await stable({ ...creds(appid, secret), force_refresh: 'true' })).access_token);
    expect(s3).not.toBe(s2);
    // s1 was superseded 30 s ago: valid until 5 minutes after that.
    herald.services.clock.advance(4 * MIN + 29 * SEC);
    expect((await useToken(herald, s1)).ip_list).toBeDefined();
    herald.services.clock.advance(1 * SEC);
    expectWxError(await useToken(herald, s1), 40001);
    expect((await useToken(herald, s2)).ip_list).toBeDefined();
    expect((await useToken(herald, s3)).ip_list).toBeDefined();
  });

  it('allows 20 force_refresh calls per China day (45009 after) and again the next day', async () => {
    toStartOfNextChinaDay();
    const { appid, secret } = await makeAccount(herald.services);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await stable(creds(appid, secret, true));
      expect(r.expires_in, JSON.stringify(r)).toBe(7200);
      seen.add(String(r.access_token));
      herald.services.clock.advance(30 * SEC);
    }
    expect(seen.size).toBe(20);
    expectWxError(await stable(creds(appid, secret, true)), 45009, 'reach max api daily quota limit');
    toStartOfNextChinaDay();
    const next = await stable(creds(appid, secret, true));
    expect(seen.has(String(next.access_token))).toBe(false);
    expect((await useToken(herald, String(next.access_token))).ip_list).toBeDefined();
  });

  it('answers the same credential errors as /cgi-bin/token', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    expectWxError(await stable({ grant_type: 'client_credential', secret }), 41002, 'appid missing');
    expectWxError(await stable({ grant_type: 'client_credential', appid }), 41004, 'appsecret missing');
    expectWxError(await stable({ grant_type: 'authorization_code', appid, secret }), 40002, 'invalid grant_type');
    expectWxError(await stable({ appid, secret }), 40002);
    expectWxError(await stable(creds('wx0000000000000000', secret)), 40013, 'invalid appid');
    expectWxError(await stable({ grant_type: 'client_credential', appid: 12345, secret }), 40013);
    expectWxError(await stable(creds(appid, 'f'.repeat(32))), 40125, 'invalid appsecret');
    expectWxError(await stable({ grant_type: 'client_credential', appid, secret: { $ne: null } }), 40125);
    expectWxError(await stable({ ...creds(appid, secret), force_refresh: 1 }), 47001, 'data format error');
    expectWxError(await stable([creds(appid, secret)]), 47001);
    await setIpWhitelist(herald.services, account.id, ['198.51.100.0/24']);
    expectWxError(await stable(creds(appid, secret), '203.0.113.9'), 40164, 'invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist');
    expect((await stable(creds(appid, secret), '198.51.100.200')).expires_in).toBe(7200);
  });

  it('answers 43002 for GET and other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      expectWxError(await wxCall(herald, method, '/cgi-bin/stable_token'), 43002, 'require POST method');
    }
    const { appid, secret } = await makeAccount(herald.services);
    const q = new URLSearchParams({ grant_type: 'client_credential', appid, secret }).toString();
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/stable_token?${q}`), 43002);
  });
});
