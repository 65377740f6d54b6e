import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../../test/wxClient.js';
import { findAccountById } from '../store/accounts.js';
import { DomainError } from '../../../platform/errors.js';
import { setIpWhitelist } from './ipWhitelistSetter.js';

describeEachDb('setIpWhitelist', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function rejection(p: Promise<unknown>): Promise<DomainError> {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }

  it('stores the canonical, deduplicated list', async () => {
    const { account } = await makeAccount(herald.services);
    const stored = await setIpWhitelist(herald.services, account.id, ['192.0.2.1', ' 10.9.8.7/8 ', '', '192.0.2.1', '2001:0db8::0001', '10.0.0.0/8']);
    expect(stored).toEqual(['192.0.2.1', '10.0.0.0/8', '2001:db8::1']);
    expect((await findAccountById(herald.services.db, account.id))?.ipWhitelist).toEqual(stored);
    expect(await setIpWhitelist(herald.services, account.id, [])).toEqual([]);
    expect((await findAccountById(herald.services.db, account.id))?.ipWhitelist).toEqual([]);
  });

  it('refuses bad entries, naming them, and leaves the stored list alone', async () => {
    const { account } = await makeAccount(herald.services);
    await setIpWhitelist(herald.services, account.id, ['192.0.2.1']);
    for (const bad of ['999.1.1.1', 'example.com', '10.0.0.0/40', '1.2.3.4; drop table accounts', '\u0000', 'x'.repeat(10_000), '1.2.3.4\n5.6.7.8']) {
      const err = await rejection(setIpWhitelist(herald.services, account.id, ['10.0.0.1', bad]));
      expect(err.code).toBe('invalid_ip_whitelist');
      expect(err.message).toContain(bad.trim().slice(0, 20));
      expect(err.message.length).toBeLessThan(200);
    }
    const tooMany = Array.from({ length: 201 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    expect((await rejection(setIpWhitelist(herald.services, account.id, tooMany))).message).toContain('200');
    expect((await rejection(setIpWhitelist(herald.services, account.id, Array(5000).fill('10.0.0.1')))).code).toBe('invalid_ip_whitelist');
    expect((await rejection(setIpWhitelist(herald.services, account.id, [42 as unknown as string]))).code).toBe('invalid_ip_whitelist');
    expect((await findAccountById(herald.services.db, account.id))?.ipWhitelist).toEqual(['192.0.2.1']);
  });

  it('answers not_found for an unknown account', async () => {
    expect((await rejection(setIpWhitelist(herald.services, randomUUID(), ['10.0.0.1']))).code).toBe('not_found');
  });

  it('takes effect on the next token request', async () => {
    const { account, appid, secret } = await makeAccount(herald.services);
    await fetchToken(herald, appid, secret, '203.0.113.50');
    await setIpWhitelist(herald.services, account.id, ['198.51.100.0/24']);
    const url = `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`;
    expectWxError(await wxCall(herald, 'GET', url, { remoteAddress: '203.0.113.50' }), 40164);
    await setIpWhitelist(herald.services, account.id, ['203.0.113.50']);
    expect(await fetchToken(herald, appid, secret, '203.0.113.50')).toBeTruthy();
  });
});
