import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { capabilityList } from '../rules/capabilities.js';
import { isCapabilityServed } from '../../../surfaces/wechat/served.js';
import { findAccountByAppid } from '../store/accounts.js';

describeEachDb('console accounts API', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('requires a session on every route (401)', async () => {
    const { appid } = await makeAccount(h.services);
    const routes: Array<['GET' | 'POST' | 'PUT', string]> = [
      ['GET', '/console/api/accounts'],
      ['POST', '/console/api/accounts'],
      ['GET', `/console/api/accounts/${appid}`],
      ['POST', `/console/api/accounts/${appid}/secret/reset`],
      ['PUT', `/console/api/accounts/${appid}/ip-whitelist`],
      ['PUT', `/console/api/accounts/${appid}/server`],
      ['POST', `/console/api/accounts/${appid}/server/disable`],
      ['GET', `/console/api/accounts/${appid}/deliveries`],
      ['GET', `/console/api/accounts/${appid}/deliveries/1`],
      ['POST', `/console/api/accounts/${appid}/deliveries/1/resend`],
      ['POST', '/console/api/logout'],
    ];
    for (const [method, url] of routes) {
      const r = await h.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' ? undefined : '{}' });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json().error.code).toBe('unauthorized');
    }
  });

  it('lists only the organization’s own accounts, with the listed fields only', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const mine = await makeAccount(h.services, { orgId: op.orgId, name: 'Mine', type: 'subscription', verified: false });
    await makeAccount(h.services, { name: 'Theirs' });
    const r = await client.get('/console/api/accounts');
    expect(r.status).toBe(200);
    const list = r.json.accounts as Array<Record<string, unknown>>;
    expect(list).toHaveLength(1);
    expect(list[0]).toEqual({
      appid: mine.appid,
      name: 'Mine',
      type: 'subscription',
      verified: false,
      status: 'active',
      wechat_id: null,
      original_id: mine.account.originalId,
      description: '',
      avatar_url: null,
      server_enabled: false,
      created_at: mine.account.createdAt.toISOString(),
    });
  });

  it('creates an account, showing the AppSecret once', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    const r = await client.post('/console/api/accounts', { type: 'service', name: '  Tea House ', wechat_id: 'tea_house', description: 'Tea' });
    expect(r.status).toBe(201);
    const account = r.json.account as Record<string, unknown>;
    expect(account).toMatchObject({ name: 'Tea House', type: 'service', verified: false, wechat_id: 'tea_house', description: 'Tea' });
    expect(r.json.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(account.secret_hint).toBe((r.json.secret as string).slice(-4));
    const detail = await client.get(`/console/api/accounts/${account.appid as string}`);
    expect(JSON.stringify(detail.json)).not.toContain(r.json.secret as string);
  });

  it('lets only a platform admin mark an account verified', async () => {
    const plain = await signedInOperator(h.app, h.services);
    const admin = await signedInOperator(h.app, h.services, { platformAdmin: true });
    const a = await plain.client.post('/console/api/accounts', { type: 'service', name: 'A', verified: true });
    const b = await admin.client.post('/console/api/accounts', { type: 'service', name: 'B', verified: true });
    expect((a.json.account as { verified: boolean }).verified).toBe(false);
    expect((b.json.account as { verified: boolean }).verified).toBe(true);
  });

  it('validates account creation with messages (400)', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    const cases: Array<[unknown, string, string]> = [
      [{ type: 'enterprise', name: 'X' }, 'invalid_request', 'type'],
      [{ type: 'service', name: '' }, 'invalid_request', 'name'],
      [{ type: 'service', name: 'x'.repeat(65) }, 'invalid_request', 'name'],
      [{ type: 'service' }, 'invalid_request', 'name'],
      [{ type: 'service', name: 'X', wechat_id: '1bad' }, 'invalid_wechat_id', 'WeChat ID'],
      [{ type: 'service', name: 'X', verified: 'yes' }, 'invalid_request', 'verified'],
      [{ type: 'service', name: 'X', description: 'd'.repeat(501) }, 'invalid_request', 'description'],
    ];
    for (const [body, code, mention] of cases) {
      const r = await client.post('/console/api/accounts', body);
      expect(r.status, JSON.stringify(body).slice(0, 50)).toBe(400);
      expect(r.json.error?.code).toBe(code);
      expect(r.json.error?.message).toContain(mention);
    }
  });

  it('shows an account’s developer details: capabilities, secret hint, whitelist, server', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account, secret } = await makeAccount(h.services, { orgId: op.orgId, type: 'subscription', verified: true });
    const r = await client.get(`/console/api/accounts/${appid}`);
    expect(r.status).toBe(200);
    const d = r.json.account as Record<string, unknown>;
    expect(d.secret_hint).toBe(secret.slice(-4));
    expect(d.ip_whitelist).toEqual([]);
    expect(d.server).toEqual({ url: null, token: null, encoding_aes_key: null, mode: 'plaintext', enabled: false, verified_at: null });
    expect(d.capabilities).toEqual(capabilityList(account).map((c) => ({ ...c, served: isCapabilityServed(c.capability) })));
    const text = JSON.stringify(r.json);
    for (const hidden of [account.secretHash, account.secretSalt, account.orgId, account.id]) expect(text).not.toContain(hidden);
  });

  it('hides other organizations’ accounts behind 404 everywhere', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    const theirs = await makeAccount(h.services);
    const base = `/console/api/accounts/${theirs.appid}`;
    const attempts = [
      await client.get(base),
      await client.post(`${base}/secret/reset`),
      await client.put(`${base}/ip-whitelist`, { entries: ['1.2.3.4'] }),
      await client.put(`${base}/server`, { url: 'http://127.0.0.1:1/', token: 'abc123', mode: 'plaintext' }),
      await client.post(`${base}/server/disable`),
      await client.get(`${base}/deliveries`),
      await client.get(`${base}/deliveries/1`),
      await client.post(`${base}/deliveries/1/resend`),
    ];
    for (const r of attempts) {
      expect(r.status).toBe(404);
      expect(r.json.error?.code).toBe('not_found');
    }
    const after = await findAccountByAppid(h.services.db, theirs.appid);
    expect(after?.secretHash).toBe(theirs.account.secretHash);
    expect(after?.ipWhitelist).toEqual([]);
  });

  it('answers 404 for AppIDs that are not AppIDs', async () => {
    const { client } = await signedInOperator(h.app, h.services);
    for (const appid of ['nope', 'wx', 'WX0123456789ABCDEF', `wx${'0'.repeat(400)}`, '%00', "wx'%20or%201=1", '..%2F..%2Fetc']) {
      const r = await client.get(`/console/api/accounts/${appid}`);
      expect(r.status, appid).toBe(404);
      expect(r.json.error?.code).toBe('not_found');
    }
  });
});

describeEachDb('console accounts in platform mode', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_MODE: 'platform' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends an organization to registration instead of opening an account; the platform admin still may', async () => {
    const plain = await signedInOperator(h.app, h.services);
    const admin = await signedInOperator(h.app, h.services, { platformAdmin: true });
    expect((await plain.client.get('/console/api/me')).json.mode).toBe('platform');
    const refused = await plain.client.post('/console/api/accounts', { type: 'service', name: 'Direct' });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('registration_required');
    expect(refused.json.error?.message).toContain('Register an account');
    expect((await plain.client.get('/console/api/accounts')).json.accounts).toEqual([]);
    const opened = await admin.client.post('/console/api/accounts', { type: 'service', name: 'By the admin' });
    expect(opened.status).toBe(201);
  });
});
