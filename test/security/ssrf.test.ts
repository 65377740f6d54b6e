/**
 * Finding 1 (SSRF): every URL Herald fetches on a user's behalf goes through the outbound
 * policy. In platform mode loopback, private, link-local, metadata and reserved addresses are
 * refused in every spelling and after DNS; the connection is pinned to the checked address; no
 * redirect is followed; and the target's answer is not reflected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundPolicy, isNonPublicAddress, type Resolver } from '../../src/platform/http/outboundPolicy.js';
import { NOT_ALLOWED_MESSAGE, OutboundError, sendOutbound, UNREACHABLE_MESSAGE } from '../../src/protocol/outbound.js';
import { ConfigError, loadConfig } from '../../src/main/config.js';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { startDevServer, type DevServer } from '../devServer.js';
import { signedInOperator } from '../consoleFixtures.js';
import { configureServer } from '../../src/modules/callbacks/commands/serverConfigurator.js';
import { createFollowerUser } from '../../src/modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../../src/modules/messaging/commands/userMessageSender.js';
import { startCallbackWorker, type CallbackWorker } from '../../src/modules/callbacks/jobs/callbackWorker.js';
import { waitForDelivery } from '../../src/modules/callbacks/jobs/deliveryWaiter.js';
import { getDelivery } from '../../src/modules/callbacks/store/deliveries.js';

const strict = (resolve?: Resolver, allow: string[] = []) => createOutboundPolicy({ strict: true, allow, resolve });
const refusedResolver: Resolver = async () => {
  throw new Error('must not resolve an address literal');
};

describe('outbound policy: address spellings', () => {
  const internal = [
    'http://127.0.0.1/', 'http://127.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/', 'http://0x7f.1/',
    'http://017700000001/', 'http://localhost./'.replace('localhost.', '127.0.0.2'), 'http://0.0.0.0/', 'http://0/',
    'http://10.1.2.3/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/', 'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/', 'http://224.0.0.1/', 'http://239.255.255.250/', 'http://240.0.0.1/',
    'http://255.255.255.255/', 'http://198.18.0.1/', 'http://192.0.2.1/',
    'http://[::1]/', 'http://[::]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://[64:ff9b::10.0.0.1]/',
    'http://[2002:7f00:1::]/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://[fd00:ec2::254]/', 'http://[ff02::1]/',
    'https://[::ffff:10.0.0.1]:8443/x',
  ];
  it.each(internal)('refuses %s in platform mode without resolving it', async (url) => {
    expect(await strict(refusedResolver).admit(new URL(url))).toEqual({ refused: 'not_allowed' });
  });

  it.each(['http://8.8.8.8/', 'http://[2606:4700:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://1.1.1.1:8080/x'])('admits the public %s', async (url) => {
    const got = await strict(refusedResolver).admit(new URL(url));
    expect(got).toHaveProperty('address');
  });

  it('classifies raw addresses, IPv4 carried in IPv6 included', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:7f00:1', '64:ff9b::a00:1', '2002:a9fe:a9fe::1', 'fe80::1%eth0', 'not-an-ip']) expect(isNonPublicAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '93.184.216.34']) expect(isNonPublicAddress(a)).toBe(false);
  });
});

describe('outbound policy: names, allow-list and modes', () => {
  it('refuses a name that resolves to a private address, and one with any private address among public ones', async () => {
    const resolve: Resolver = async (h) =>
      h === 'internal.example' ? [{ address: '10.0.0.7', family: 4 }] : [{ address: '93.184.216.34', family: 4 }, { address: '::1', family: 6 }];
    expect(await strict(resolve).admit(new URL('http://internal.example/'))).toEqual({ refused: 'not_allowed' });
    expect(await strict(resolve).admit(new URL('http://mixed.example/'))).toEqual({ refused: 'not_allowed' });
  });

  it('admits a public name once and answers the address it checked', async () => {
    const calls: string[] = [];
    const resolve: Resolver = async (h) => (calls.push(h), [{ address: '93.184.216.34', family: 4 }]);
    expect(await strict(resolve).admit(new URL('https://hooks.example/wx'))).toEqual({ address: '93.184.216.34', family: 4 });
    expect(calls).toEqual(['hooks.example']);
  });

  it('an unresolvable name is refused', async () => {
    const resolve: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await strict(resolve).admit(new URL('http://nowhere.example/'))).toEqual({ refused: 'unresolvable' });
  });

  it('the allow-list opens exactly its ranges (IPv4 mapped into IPv6 included)', async () => {
    const policy = strict(async () => [{ address: '10.20.0.5', family: 4 }], ['10.20.0.0/16', '127.0.0.1']);
    expect(await policy.admit(new URL('http://hooks.internal/'))).toEqual({ address: '10.20.0.5', family: 4 });
    expect(await policy.admit(new URL('http://127.0.0.1:9000/'))).toHaveProperty('address', '127.0.0.1');
    expect(await policy.admit(new URL('http://[::ffff:127.0.0.1]/'))).toHaveProperty('address');
    expect(await policy.admit(new URL('http://127.0.0.2/'))).toEqual({ refused: 'not_allowed' });
    expect(await policy.admit(new URL('http://10.21.0.1/'))).toEqual({ refused: 'not_allowed' });
  });

  it('HERALD_CALLBACK_ALLOW is parsed and checked at boot', () => {
    expect(loadConfig({ HERALD_CALLBACK_ALLOW: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).callbackAllow).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    expect(loadConfig({}).callbackAllow).toEqual([]);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x']) {
      expect(() => loadConfig({ HERALD_CALLBACK_ALLOW: bad })).toThrow(ConfigError);
    }
  });

  it('emulator mode admits loopback and private addresses (its developer servers live there)', async () => {
    const open = createOutboundPolicy({ strict: false, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await open.admit(new URL('http://127.1:8080/'))).toEqual({ address: '127.0.0.1', family: 4 });
    expect(await open.admit(new URL('http://dev.local/'))).toEqual({ address: '127.0.0.1', family: 4 });
  });
});

describe('outbound client under the policy', () => {
  const servers: DevServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('connects to the checked address, keeping the Host header of the URL, and resolves once', async () => {
    const dev = await startDevServer({ answer: () => ({ body: 'hi' }) });
    servers.push(dev);
    let lookups = 0;
    const policy = strict(async () => (lookups++, [{ address: '127.0.0.1', family: 4 }]), ['127.0.0.0/8']);
    const res = await sendOutbound({ method: 'GET', url: `http://callback.invalid:${dev.port}/wx`, timeoutMs: 3000, guard: policy });
    expect(res.status).toBe(200);
    expect(dev.requests[0].headers.host).toBe(`callback.invalid:${dev.port}`);
    expect(lookups).toBe(1);
  });

  it('refuses before connecting, with the same words for every address', async () => {
    const dev = await startDevServer();
    servers.push(dev);
    for (const url of [`http://127.0.0.1:${dev.port}/`, `http://2130706433:${dev.port}/`, `http://[::ffff:127.0.0.1]:${dev.port}/`]) {
      const err = await sendOutbound({ method: 'GET', url, timeoutMs: 3000, guard: strict() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutboundError);
      expect((err as OutboundError).kind).toBe('refused');
      expect((err as OutboundError).message).toBe(NOT_ALLOWED_MESSAGE);
    }
    expect(dev.requests).toHaveLength(0);
  });

  it('does not follow a redirect (to the metadata address or anywhere)', async () => {
    const inner = await startDevServer({ answer: () => ({ body: 'secret' }) });
    const dev = await startDevServer();
    servers.push(inner, dev);
    dev.answer(() => ({ status: 302, body: '', contentType: 'text/plain' }));
    const res = await sendOutbound({ method: 'GET', url: `http://127.0.0.1:${dev.port}/`, timeoutMs: 3000, guard: strict(undefined, ['127.0.0.0/8']) });
    expect(res.status).toBe(302);
    expect(inner.requests).toHaveLength(0);
  });

  it('a strict guard hides what kind of connection failure happened', async () => {
    const dev = await startDevServer();
    const port = dev.port;
    await dev.close();
    const err = (await sendOutbound({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 3000, guard: strict(undefined, ['127.0.0.0/8']) }).catch((e: unknown) => e)) as OutboundError;
    expect(err.message).toBe(UNREACHABLE_MESSAGE);
    expect(err.message).not.toMatch(/ECONN|refused|reset/i);
    const open = (await sendOutbound({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 3000, guard: createOutboundPolicy({ strict: false }) }).catch((e: unknown) => e)) as OutboundError;
    expect(open.message).toContain('ECONNREFUSED');
  });
});

describeEachDb('callback URL in platform mode, end to end', (kind) => {
  let herald: TestHerald;
  let open: TestHerald;
  let worker: CallbackWorker;
  const servers: DevServer[] = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_MODE: 'platform', HERALD_ROLE: 'web' } });
    open = await startTestHerald(kind, { env: { HERALD_MODE: 'platform', HERALD_ROLE: 'web', HERALD_CALLBACK_ALLOW: '127.0.0.0/8' } });
    worker = startCallbackWorker(open.services, { timeoutMs: 1500, pollMs: 100, leaseMs: 3000 });
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await Promise.all(servers.map((s) => s.close()));
    await herald?.close();
    await open?.close();
  });

  it('the console refuses loopback in every spelling and the server is never called', async () => {
    const dev = await startDevServer({ token: 'tok123' });
    servers.push(dev);
    const { op, client } = await signedInOperator(herald.app, herald.services);
    const { appid } = await makeAccount(herald.services, { orgId: op.orgId });
    for (const host of ['127.0.0.1', '127.1', '2130706433', '0x7f000001', '[::ffff:127.0.0.1]', 'localhost']) {
      const res = await client.put(`/console/api/accounts/${appid}/server`, { url: `http://${host}:${dev.port}/wx`, token: 'tok123', mode: 'plaintext' });
      expect(res.status, host).toBe(422);
      expect(res.json.error?.code).toBe('server_verification_failed');
      expect(res.json.error?.message).toBe(NOT_ALLOWED_MESSAGE);
    }
    const meta = await client.put(`/console/api/accounts/${appid}/server`, { url: 'http://169.254.169.254/latest/meta-data/', token: 'tok123', mode: 'plaintext' });
    expect(meta.json.error?.message).toBe(NOT_ALLOWED_MESSAGE);
    expect(dev.requests).toHaveLength(0);
  });

  it('with the allow-list, a wrong answer is refused without showing the body, a closed port without its error code', async () => {
    const dev = await startDevServer({ answer: () => ({ body: 'root:x:0:0:root:/root:/bin/bash' }) });
    servers.push(dev);
    const { op, client } = await signedInOperator(open.app, open.services);
    const { appid } = await makeAccount(open.services, { orgId: op.orgId });
    const wrong = await client.put(`/console/api/accounts/${appid}/server`, { url: `${dev.url}/wx`, token: 'tok123', mode: 'plaintext' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).not.toContain('root:x');
    dev.answer(() => ({ status: 404, body: 'Not here: internal admin panel' }));
    const status = await client.put(`/console/api/accounts/${appid}/server`, { url: `${dev.url}/wx`, token: 'tok123', mode: 'plaintext' });
    expect(status.json.error?.message).toContain('4xx');
    expect(status.body).not.toContain('internal admin');
    const closed = await startDevServer();
    const port = closed.port;
    await closed.close();
    const refused = await client.put(`/console/api/accounts/${appid}/server`, { url: `http://127.0.0.1:${port}/wx`, token: 'tok123', mode: 'plaintext' });
    expect(refused.json.error?.message).toBe(UNREACHABLE_MESSAGE);
  });

  it('pushes keep no arbitrary answer, and a name that rebinds to a private address after verification is refused', async () => {
    let posts = 0;
    const dev = await startDevServer({
      answer: (req) => (req.method === 'GET' ? { body: req.query.echostr } : (posts++, { body: `<html>${'internal '.repeat(600)}</html>` })),
    });
    servers.push(dev);
    const { account } = await makeAccount(open.services);
    const user = await createFollowerUser(open.services, { nickname: 'Ann' });
    await followAccount(open.services, user.id, account.appid);
    const original = open.services.outbound;
    let target = '127.0.0.1';
    open.services.outbound = createOutboundPolicy({ strict: true, allow: ['127.0.0.0/8'], resolve: async () => [{ address: target, family: 4 }] });
    try {
      await configureServer(open.services, account.id, { url: `http://hooks.invalid:${dev.port}/wx`, token: 'tok123', mode: 'plaintext' });
      const sent = await sendUserMessage(open.services, user.id, account.appid, { msgtype: 'text', content: 'hello' });
      const done = await waitForDelivery(open.services, sent.deliveryId!, { timeoutMs: 5000 });
      expect(done?.status).toBe('delivered');
      const detail = await getDelivery(open.services.db, account.id, sent.deliveryId!);
      expect(detail?.attemptsLog[0]).toMatchObject({ responseStatus: 200, responseBody: null });

      target = '169.254.169.254';
      const again = await sendUserMessage(open.services, user.id, account.appid, { msgtype: 'text', content: 'after rebinding' });
      await waitForDelivery(open.services, again.deliveryId!, { timeoutMs: 8000 });
      const log = (await getDelivery(open.services.db, account.id, again.deliveryId!))?.attemptsLog ?? [];
      expect(log.length).toBeGreaterThan(0);
      expect(log[0]).toMatchObject({ outcome: 'network_error', error: NOT_ALLOWED_MESSAGE, responseBody: null });
      expect(posts).toBe(1);
    } finally {
      open.services.outbound = original;
    }
  });
});
