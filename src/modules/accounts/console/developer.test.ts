import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { secretMatches } from '../../../protocol/ids.js';
import { findAccountByAppid } from '../store/accounts.js';
import { authenticateApp } from '../commands/appAuthenticator.js';
import { DomainError } from '../../../platform/errors.js';

/** A developer server on loopback: answers URL verification with `answer(echostr)`. */
async function developerServer(answer: (echostr: string) => { status: number; body: string }) {
  const server = http.createServer((req, res) => {
    const echostr = new URL(req.url ?? '/', 'http://x').searchParams.get('echostr') ?? '';
    const { status, body } = answer(echostr);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/wechat`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeEachDb('console developer settings API', (kind) => {
  let h: TestHerald;
  const servers: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await h?.close();
  });

  async function mine() {
    const { op, client } = await signedInOperator(h.app, h.services);
    const acc = await makeAccount(h.services, { orgId: op.orgId });
    return { client, ...acc, base: `/console/api/accounts/${acc.appid}` };
  }

  it('resets the AppSecret: the new one authenticates, the old one no longer does', async () => {
    const { client, appid, secret: oldSecret, base } = await mine();
    const r = await client.post(`${base}/secret/reset`);
    expect(r.status).toBe(200);
    const newSecret = r.json.secret as string;
    expect(newSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(newSecret).not.toBe(oldSecret);
    expect(r.json.secret_hint).toBe(newSecret.slice(-4));

    const row = (await findAccountByAppid(h.services.db, appid))!;
    expect(secretMatches(oldSecret, row.secretSalt, row.secretHash)).toBe(false);
    expect(secretMatches(newSecret, row.secretSalt, row.secretHash)).toBe(true);
    expect(row.secretResetAt?.getTime()).toBeLessThanOrEqual(h.services.clock.nowMs());
    // What /cgi-bin/token checks.
    await expect(authenticateApp(h.services, { appid, secret: oldSecret })).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'invalid_secret');
    expect((await authenticateApp(h.services, { appid, secret: newSecret })).appid).toBe(appid);

    const detail = await client.get(base);
    expect((detail.json.account as { secret_hint: string }).secret_hint).toBe(newSecret.slice(-4));
  });

  it('saves the IP whitelist in canonical form and explains bad entries', async () => {
    const { client, base, appid } = await mine();
    const ok = await client.put(`${base}/ip-whitelist`, { entries: ['1.2.3.4', ' 10.0.0.0/8 ', '2001:db8::1', '1.2.3.4', ''] });
    expect(ok.status).toBe(200);
    expect(ok.json.ip_whitelist).toEqual(['1.2.3.4', '10.0.0.0/8', '2001:db8::1']);
    expect((await findAccountByAppid(h.services.db, appid))?.ipWhitelist).toEqual(['1.2.3.4', '10.0.0.0/8', '2001:db8::1']);

    const bad = await client.put(`${base}/ip-whitelist`, { entries: ['1.2.3.4', '300.1.1.1'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('invalid_ip_whitelist');
    expect(bad.json.error?.message).toContain('300.1.1.1');
    // Nothing changed.
    expect((await findAccountByAppid(h.services.db, appid))?.ipWhitelist).toEqual(['1.2.3.4', '10.0.0.0/8', '2001:db8::1']);

    for (const body of [{ entries: 'x' }, { entries: [1] }, {}, { entries: Array(201).fill('1.1.1.1') }, { entries: ['x'.repeat(101)] }]) {
      const r = await client.put(`${base}/ip-whitelist`, body);
      expect(r.status).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    const cleared = await client.put(`${base}/ip-whitelist`, { entries: [] });
    expect(cleared.json.ip_whitelist).toEqual([]);
  });

  it('configures the server after URL verification succeeds', async () => {
    const dev = await developerServer((echostr) => ({ status: 200, body: echostr }));
    servers.push(dev);
    const { client, base } = await mine();
    const r = await client.put(`${base}/server`, { url: dev.url, token: 'herald123', encoding_aes_key: 'a'.repeat(43), mode: 'safe' });
    expect(r.status).toBe(200);
    expect(r.json.server).toMatchObject({ url: dev.url, token: 'herald123', encoding_aes_key: 'a'.repeat(43), mode: 'safe', enabled: true });
    expect(new Date((r.json.server as { verified_at: string }).verified_at).getTime()).toBeLessThanOrEqual(h.services.clock.nowMs());

    const off = await client.post(`${base}/server/disable`);
    expect(off.status).toBe(200);
    expect(off.json.server).toMatchObject({ url: dev.url, enabled: false });
    expect(((await client.get('/console/api/accounts')).json.accounts as Array<{ server_enabled: boolean }>)[0].server_enabled).toBe(false);
  });

  it('answers 422 with the reason when verification fails, and saves nothing', async () => {
    const dev = await developerServer(() => ({ status: 200, body: 'hello' }));
    const down = await developerServer(() => ({ status: 500, body: 'oops' }));
    servers.push(dev, down);
    const { client, base, appid } = await mine();
    const wrong = await client.put(`${base}/server`, { url: dev.url, token: 'herald123', mode: 'plaintext' });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error?.code).toBe('server_verification_failed');
    expect(wrong.json.error?.message).toContain("'hello'");
    const status = await client.put(`${base}/server`, { url: down.url, token: 'herald123', mode: 'plaintext' });
    expect(status.status).toBe(422);
    expect(status.json.error?.message).toContain('500');
    const refused = await client.put(`${base}/server`, { url: 'http://127.0.0.1:1/x', token: 'herald123', mode: 'plaintext' });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.message.length).toBeGreaterThan(0);
    const row = (await findAccountByAppid(h.services.db, appid))!;
    expect(row.serverUrl).toBeNull();
    expect(row.serverEnabled).toBe(false);
  });

  it('validates the server form (400 naming the field)', async () => {
    const { client, base } = await mine();
    const cases: Array<[unknown, string]> = [
      [{ url: 'ftp://x', token: 'abc123', mode: 'plaintext' }, 'URL'],
      [{ url: 'not a url', token: 'abc123', mode: 'plaintext' }, 'URL'],
      [{ url: 'http://127.0.0.1/', token: 'a', mode: 'plaintext' }, 'Token'],
      [{ url: 'http://127.0.0.1/', token: 'abc123', mode: 'safe' }, 'EncodingAESKey'],
      [{ url: 'http://127.0.0.1/', token: 'abc123', encoding_aes_key: 'short', mode: 'compatible' }, 'EncodingAESKey'],
      [{ url: 'http://127.0.0.1/', token: 'abc123', mode: 'loud' }, 'mode'],
      [{ url: 'http://127.0.0.1/', mode: 'plaintext' }, 'token'],
      [{ url: `http://127.0.0.1/${'a'.repeat(3000)}`, token: 'abc123', mode: 'plaintext' }, 'URL'],
    ];
    for (const [body, mention] of cases) {
      const r = await client.put(`${base}/server`, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(['invalid_request', 'invalid_server_config']).toContain(r.json.error?.code);
      expect(r.json.error?.message.toLowerCase()).toContain(mention.toLowerCase());
    }
  });
});
