/**
 * Issue 10, finding 7 (and issue 9 item 6): console authorization is one table, role × action,
 * and every console route consults it. This walks every registered console route for every role
 * and checks the answer against the table; a route without an action in the table fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts } from '../../src/modules/accounts/schema.js';
import { describeEachDb, makeAccount, makeOrg, startTestHerald, type TestHerald } from '../harness.js';
import { makeOperator, signIn, type ConsoleClient } from '../consoleFixtures.js';
import { registeredConsoleRoutes } from '../../src/surfaces/console/kit.js';
import { allowed, CONSOLE_ACTIONS, POLICY, ROLES } from '../../src/modules/operators/rules/policy.js';
import { OPERATOR_ROLES } from '../../src/modules/operators/commands/operatorCreator.js';

describeEachDb('security: operator policy on every console route (issue 10, finding 7)', (kind) => {
  let h: TestHerald;
  let appid: string;
  const clients = new Map<string, { client: ConsoleClient; subject: { role: string; platformAdmin: boolean } }>();

  beforeAll(async () => {
    h = await startTestHerald(kind);
    const org = await makeOrg(h.services, 'Policy Org');
    appid = (await makeAccount(h.services, { orgId: org.id })).appid;
    for (const role of ROLES) {
      const op = await makeOperator(h.services, { orgId: org.id, role });
      clients.set(role, { client: await signIn(h.app, op.email, op.password), subject: { role, platformAdmin: false } });
    }
    const pa = await makeOperator(h.services, { orgId: org.id, role: 'agent', platformAdmin: true });
    clients.set('agent+platform', { client: await signIn(h.app, pa.email, pa.password), subject: { role: 'agent', platformAdmin: true } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the table covers every role an operator can have, and every route names an action in it', () => {
    expect([...ROLES].sort()).toEqual([...OPERATOR_ROLES].sort());
    const routes = registeredConsoleRoutes();
    expect(routes.length).toBeGreaterThan(60);
    for (const r of routes) expect(CONSOLE_ACTIONS, `${r.method} ${r.path}`).toContain(r.action);
  });

  it('walks every console route for every role and gets the table\'s answer', { timeout: 120_000 }, async () => {
    // Signing out ends the session the walk uses: it goes last.
    const routes = registeredConsoleRoutes().filter((r) => r.auth === 'session').sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    const mismatches: string[] = [];
    let checked = 0;
    for (const [name, { client, subject }] of clients) {
      for (const r of routes) {
        const url = r.path.replace(':appid', appid).replace(/:[A-Za-z_]+/g, '1');
        const res = await client.request(r.method as 'GET', url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        const refused = res.status === 403 && res.json.error?.code === 'forbidden';
        const want = allowed(subject, r.action);
        if (refused === want) mismatches.push(`${name} ${r.method} ${r.path} (${r.action}): ${want ? 'allowed' : 'denied'} by the table, got ${res.status} ${res.body.slice(0, 120)}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(routes.length * clients.size);
  });

  it('an agent cannot reset the AppSecret, change the whitelist, menu or server, nor read the Token and EncodingAESKey; it can use the inbox', async () => {
    const org = await makeOrg(h.services, 'Agent Org');
    const acc = await makeAccount(h.services, { orgId: org.id });
    const owner = await makeOperator(h.services, { orgId: org.id, role: 'owner' });
    const agentOp = await makeOperator(h.services, { orgId: org.id, role: 'agent' });
    const ownerClient = await signIn(h.app, owner.email, owner.password);
    const agent = await signIn(h.app, agentOp.email, agentOp.password);
    const base = `/console/api/accounts/${acc.appid}`;

    const server = { url: 'http://127.0.0.1:9/wx', token: 'tokentoken123', encoding_aes_key: 'a'.repeat(43), mode: 'plain' };
    // A configured server (set directly: verification would need a developer server).
    await h.services.db.update(accounts).set({ serverUrl: server.url, serverToken: server.token, serverAesKey: server.encoding_aes_key }).where(eq(accounts.appid, acc.appid));
    const before = (await ownerClient.get(base)).json.account as { secret_hint: string; server: { token: string | null } };

    for (const [method, path, body] of [
      ['POST', '/secret/reset', undefined],
      ['PUT', '/ip-whitelist', { entries: ['10.0.0.1'] }],
      ['PUT', '/menu', { button: [{ type: 'click', name: 'X', key: 'k' }] }],
      ['DELETE', '/menu', undefined],
      ['PUT', '/server', server],
      ['POST', '/server/disable', undefined],
      ['GET', '/deliveries', undefined],
    ] as const) {
      const res = await agent.request(method, `${base}${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error).toEqual({ code: 'forbidden', message: 'Your role does not allow this. Ask an owner or an admin of your organization.' });
    }
    const seen = (await agent.get(base)).json.account as { secret_hint: string; server: { token: string | null; encoding_aes_key: string | null; url: string } };
    expect(seen.secret_hint).toBe(before.secret_hint);
    expect(seen.server.token).toBeNull();
    expect(seen.server.encoding_aes_key).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('tokentoken123');
    expect((await ownerClient.get(base)).json.account).toMatchObject({ server: { token: 'tokentoken123', encoding_aes_key: 'a'.repeat(43) } });

    expect((await agent.get(`${base}/inbox`)).status).toBe(200);
    expect((await agent.get(`${base}/kf`)).status).toBe(200);
  });

  it('unknown roles may do nothing, and platform actions need a platform administrator', () => {
    for (const action of CONSOLE_ACTIONS) expect(allowed({ role: 'root', platformAdmin: false }, action)).toBe(false);
    expect(allowed({ role: 'owner', platformAdmin: false }, 'platform.moderation')).toBe(false);
    expect(allowed({ role: 'agent', platformAdmin: true }, 'platform.moderation')).toBe(true);
    expect(POLICY['inbox.use']).toContain('agent');
    expect(POLICY['account.secret.reset']).not.toContain('agent');
  });
});
