import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { newAesKey, startDevServer, verificationAnswer, type DevServer } from '../../../../test/devServer.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { DomainError } from '../../../platform/errors.js';
import { configureServer, disableServer, VERIFY_TIMEOUT_MS } from './serverConfigurator.js';

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a DomainError');
}

describeEachDb('configureServer', (kind) => {
  let herald: TestHerald;
  let dev: DevServer;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
    dev = await startDevServer({ token: 'tok123' });
  });
  afterAll(async () => {
    await dev.close();
    await herald.close();
  });

  const expectNothingSaved = async (accountId: string) => {
    const a = await findAccountById(herald.services.db, accountId);
    expect(a?.serverUrl).toBeNull();
    expect(a?.serverToken).toBeNull();
    expect(a?.serverEnabled).toBe(false);
    expect(a?.serverVerifiedAt).toBeNull();
  };

  it('keeps the 5-second default WeChat uses', () => {
    expect(VERIFY_TIMEOUT_MS).toBe(5000);
  });

  it('verifies the URL with a signed GET and stores the configuration', async () => {
    const { account } = await makeAccount(herald.services);
    const before = dev.requests.length;
    const aesKey = newAesKey();
    await configureServer(herald.services, account.id, { url: `${dev.url}?existing=1`, token: 'tok123', encodingAesKey: aesKey, mode: 'safe' });
    const req = dev.requests[before];
    expect(req.method).toBe('GET');
    expect(req.query.existing).toBe('1');
    expect(req.query.echostr).toMatch(/^\d{19}$/);
    expect(req.query.timestamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(req.query.timestamp) - herald.services.clock.nowSec())).toBeLessThan(5);
    // The signature is checked by the dev server: a 200 means it matched.
    const saved = await findAccountById(herald.services.db, account.id);
    expect(saved).toMatchObject({ serverUrl: `${dev.url}?existing=1`, serverToken: 'tok123', serverAesKey: aesKey, serverMode: 'safe', serverEnabled: true });
    expect(saved?.serverVerifiedAt).toBeInstanceOf(Date);
  });

  it('disables and re-enables without losing the configuration', async () => {
    const { account } = await makeAccount(herald.services);
    await configureServer(herald.services, account.id, { url: dev.url, token: 'tok123', mode: 'plaintext' });
    await disableServer(herald.services, account.id);
    const a = await findAccountById(herald.services.db, account.id);
    expect(a).toMatchObject({ serverEnabled: false, serverUrl: dev.url, serverToken: 'tok123' });
    await expect(disableServer(herald.services, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('fails when the server answers something other than the echostr, saving nothing', async () => {
    const { account } = await makeAccount(herald.services);
    const wrong = await startDevServer({ answer: () => ({ status: 200, body: 'abc' }) });
    try {
      const err = await failure(configureServer(herald.services, account.id, { url: wrong.url, token: 'tok123', mode: 'plaintext' }));
      expect(err.code).toBe('server_verification_failed');
      expect(err.message).toMatch(/^Your server answered 'abc' instead of the echostr \d{19}$/);
      await expectNothingSaved(account.id);
    } finally {
      await wrong.close();
    }
  });

  it('fails with a wrong token (the developer server rejects the signature)', async () => {
    const { account } = await makeAccount(herald.services);
    const err = await failure(configureServer(herald.services, account.id, { url: dev.url, token: 'othertoken', mode: 'plaintext' }));
    expect(err.message).toBe('Your server answered HTTP 401');
    await expectNothingSaved(account.id);
  });

  it('fails on HTTP 500', async () => {
    const { account } = await makeAccount(herald.services);
    const broken = await startDevServer({ answer: () => ({ status: 500, body: 'boom' }) });
    try {
      const err = await failure(configureServer(herald.services, account.id, { url: broken.url, token: 'tok123', mode: 'plaintext' }));
      expect(err.code).toBe('server_verification_failed');
      expect(err.message).toBe('Your server answered HTTP 500');
      await expectNothingSaved(account.id);
    } finally {
      await broken.close();
    }
  });

  it('fails on an empty answer', async () => {
    const { account } = await makeAccount(herald.services);
    const empty = await startDevServer({ answer: () => ({ status: 200, body: '' }) });
    try {
      const err = await failure(configureServer(herald.services, account.id, { url: empty.url, token: 'tok123', mode: 'plaintext' }));
      expect(err.message).toMatch(/^Your server answered an empty body instead of the echostr \d+$/);
    } finally {
      await empty.close();
    }
  });

  it('accepts the echostr with surrounding whitespace', async () => {
    const { account } = await makeAccount(herald.services);
    const padded = await startDevServer({ answer: (req) => ({ status: 200, body: `\n ${verificationAnswer('tok123', req).body}\r\n` }) });
    try {
      await configureServer(herald.services, account.id, { url: padded.url, token: 'tok123', mode: 'plaintext' });
      expect((await findAccountById(herald.services.db, account.id))?.serverEnabled).toBe(true);
    } finally {
      await padded.close();
    }
  });

  it('fails when nothing answers in time (short test deadline)', async () => {
    const { account } = await makeAccount(herald.services);
    const slow = await startDevServer({ answer: () => ({ hang: true }) });
    try {
      const started = Date.now();
      const err = await failure(configureServer(herald.services, account.id, { url: slow.url, token: 'tok123', mode: 'plaintext' }, { timeoutMs: 300 }));
      expect(err.message).toBe('No answer within 300 ms');
      expect(Date.now() - started).toBeLessThan(3000);
      await expectNothingSaved(account.id);
    } finally {
      await slow.close();
    }
  });

  it('fails after the real 5-second deadline', async () => {
    const { account } = await makeAccount(herald.services);
    const slow = await startDevServer({ answer: () => ({ hang: true }) });
    try {
      const started = Date.now();
      const err = await failure(configureServer(herald.services, account.id, { url: slow.url, token: 'tok123', mode: 'plaintext' }));
      expect(err.message).toBe('No answer within 5 seconds');
      expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
      await expectNothingSaved(account.id);
    } finally {
      await slow.close();
    }
  }, 15_000);

  it('fails when the connection is refused', async () => {
    const { account } = await makeAccount(herald.services);
    // A port that was just free: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const err = await failure(configureServer(herald.services, account.id, { url: `http://127.0.0.1:${port}/wx`, token: 'tok123', mode: 'plaintext' }));
    expect(err.message).toBe(`Could not connect to 127.0.0.1:${port}: ECONNREFUSED`);
    await expectNothingSaved(account.id);
  });

  it('fails when the server drops the connection', async () => {
    const { account } = await makeAccount(herald.services);
    const rude = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => rude.listen(0, '127.0.0.1', r));
    const port = (rude.address() as net.AddressInfo).port;
    try {
      const err = await failure(configureServer(herald.services, account.id, { url: `http://127.0.0.1:${port}/`, token: 'tok123', mode: 'plaintext' }));
      expect(err.code).toBe('server_verification_failed');
      expect(err.message).toMatch(/^Could not connect to 127\.0\.0\.1:\d+: ECONNRESET$/);
      await expectNothingSaved(account.id);
    } finally {
      await new Promise<void>((r) => rude.close(() => r()));
    }
  });

  it('quotes a long wrong answer briefly', async () => {
    const { account } = await makeAccount(herald.services);
    const chatty = await startDevServer({ answer: () => ({ status: 200, body: 'x'.repeat(100_000) }) });
    try {
      const err = await failure(configureServer(herald.services, account.id, { url: chatty.url, token: 'tok123', mode: 'plaintext' }));
      expect(err.message.length).toBeLessThan(200);
    } finally {
      await chatty.close();
    }
  });

  it.each([
    [{ url: 'ftp://example.com/x', token: 'tok123', mode: 'plaintext' }, 'url'],
    [{ url: 'not a url', token: 'tok123', mode: 'plaintext' }, 'url'],
    [{ url: 'http://user:pw@127.0.0.1/x', token: 'tok123', mode: 'plaintext' }, 'url'],
    [{ url: `http://127.0.0.1/${'a'.repeat(1100)}`, token: 'tok123', mode: 'plaintext' }, 'url'],
    [{ url: '', token: 'tok123', mode: 'plaintext' }, 'url'],
    [{ url: 'http://127.0.0.1/x', token: 'ab', mode: 'plaintext' }, 'token'],
    [{ url: 'http://127.0.0.1/x', token: 'a'.repeat(33), mode: 'plaintext' }, 'token'],
    [{ url: 'http://127.0.0.1/x', token: 'tok-123', mode: 'plaintext' }, 'token'],
    [{ url: 'http://127.0.0.1/x', token: 'tok123', mode: 'safe' }, 'encodingAesKey'],
    [{ url: 'http://127.0.0.1/x', token: 'tok123', mode: 'compatible', encodingAesKey: null }, 'encodingAesKey'],
    [{ url: 'http://127.0.0.1/x', token: 'tok123', mode: 'safe', encodingAesKey: 'short' }, 'encodingAesKey'],
    [{ url: 'http://127.0.0.1/x', token: 'tok123', mode: 'safe', encodingAesKey: `${'a'.repeat(42)}+` }, 'encodingAesKey'],
    [{ url: 'http://127.0.0.1/x', token: 'tok123', mode: 'weird' }, 'mode'],
  ])('rejects invalid input %# without contacting anyone', async (input, field) => {
    const { account } = await makeAccount(herald.services);
    const err = await failure(configureServer(herald.services, account.id, input as never));
    expect(err.code).toBe('invalid_server_config');
    expect(err.details).toEqual({ field });
    await expectNothingSaved(account.id);
  });

  it('keeps the previous configuration when a new one fails verification', async () => {
    const { account } = await makeAccount(herald.services);
    await configureServer(herald.services, account.id, { url: dev.url, token: 'tok123', mode: 'plaintext' });
    await failure(configureServer(herald.services, account.id, { url: dev.url, token: 'changed1', mode: 'plaintext' }));
    expect(await findAccountById(herald.services.db, account.id)).toMatchObject({ serverToken: 'tok123', serverEnabled: true });
  });

  it('answers not_found for an unknown account', async () => {
    const err = await failure(configureServer(herald.services, '00000000-0000-0000-0000-000000000000', { url: dev.url, token: 'tok123', mode: 'plaintext' }));
    expect(err.code).toBe('not_found');
  });
});
