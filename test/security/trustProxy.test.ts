/**
 * Finding 4: HERALD_TRUST_PROXY trusts a hop count or a list of proxy addresses, never every
 * hop, so a client cannot forge X-Forwarded-For entries to get past the IP whitelist (40164)
 * or the per-address login limit (both read the same request address).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/main/config.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { expectWxError, wxCall } from '../wxClient.js';
import { setIpWhitelist } from '../../src/modules/accounts/commands/ipWhitelistSetter.js';

const tokenUrl = (appid: string, secret: string) => `/cgi-bin/token?${new URLSearchParams({ grant_type: 'client_credential', appid, secret })}`;

describe('HERALD_TRUST_PROXY parsing', () => {
  it('is off by default; 1/true/yes mean one hop; a number that many hops; otherwise a list of proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const v of ['0', 'false', 'no']) expect(loadConfig({ HERALD_TRUST_PROXY: v }).trustProxy).toBe(false);
    for (const v of ['1', 'true', 'yes', 'TRUE']) expect(loadConfig({ HERALD_TRUST_PROXY: v }).trustProxy).toBe(1);
    expect(loadConfig({ HERALD_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HERALD_TRUST_PROXY: '10.0.0.0/8, 192.0.2.1,::1' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.1', '::1']);
  });

  it('refuses values that would trust everything or nothing sensible', () => {
    for (const v of ['11', '999', 'everything', '0.0.0.0/33', '10.0.0.0/8,proxy.example']) {
      expect(() => loadConfig({ HERALD_TRUST_PROXY: v }), v).toThrow(ConfigError);
    }
  });
});

describeEachDb('forwarded addresses and the IP whitelist', (kind) => {
  let oneHop: TestHerald;
  let listed: TestHerald;
  let none: TestHerald;
  beforeAll(async () => {
    oneHop = await startTestHerald(kind, { env: { HERALD_TRUST_PROXY: '1' } });
    listed = await startTestHerald(kind, { env: { HERALD_TRUST_PROXY: '203.0.113.0/24' } });
    none = await startTestHerald(kind);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([oneHop?.close(), listed?.close(), none?.close()]);
  });

  async function whitelisted(h: TestHerald) {
    const { account, appid, secret } = await makeAccount(h.services);
    await setIpWhitelist(h.services, account.id, ['10.0.0.0/8']);
    return { appid, secret };
  }

  it('one hop: a forged entry before the one the proxy appended is ignored', async () => {
    const { appid, secret } = await whitelisted(oneHop);
    // The proxy (203.0.113.9) appends the real client 47.103.62.98 to what the client sent.
    const forged = await wxCall(oneHop, 'GET', tokenUrl(appid, secret), {
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '10.0.0.5, 47.103.62.98' },
    });
    expectWxError(forged, 40164, 'invalid ip 47.103.62.98 ipv6 ::ffff:47.103.62.98, not in whitelist');
    const real = await wxCall(oneHop, 'GET', tokenUrl(appid, secret), { remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '47.103.62.98, 10.0.0.5' } });
    expect(real.access_token).toBeTruthy();
  });

  it('a proxy list: only the listed proxies are believed', async () => {
    const { appid, secret } = await whitelisted(listed);
    const viaProxy = await wxCall(listed, 'GET', tokenUrl(appid, secret), { remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '10.0.0.5, 47.103.62.98' } });
    expectWxError(viaProxy, 40164);
    // A client reaching Herald directly cannot claim an address at all.
    const direct = await wxCall(listed, 'GET', tokenUrl(appid, secret), { remoteAddress: '47.103.62.98', headers: { 'x-forwarded-for': '10.0.0.5' } });
    expectWxError(direct, 40164, 'invalid ip 47.103.62.98 ipv6 ::ffff:47.103.62.98, not in whitelist');
    const legit = await wxCall(listed, 'GET', tokenUrl(appid, secret), { remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '10.0.0.5' } });
    expect(legit.access_token).toBeTruthy();
  });

  it('off: X-Forwarded-For is not read at all', async () => {
    const { appid, secret } = await whitelisted(none);
    const forged = await wxCall(none, 'GET', tokenUrl(appid, secret), { remoteAddress: '47.103.62.98', headers: { 'x-forwarded-for': '10.0.0.5' } });
    expectWxError(forged, 40164);
  });
});
