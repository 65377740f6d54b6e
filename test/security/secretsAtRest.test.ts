/**
 * Issue 10, finding 13 (the parts done here): passwords hashed at OWASP's scrypt cost with old
 * hashes upgraded at sign-in, and access tokens revoked when the AppSecret is reset.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, makeOrg, startTestHerald, type TestHerald } from '../harness.js';
import { makeOperator, signIn } from '../consoleFixtures.js';
import { DEFAULT_PASSWORD_COST_LOG2, hashPassword, needsRehash, setPasswordCost, verifyPassword } from '../../src/platform/password.js';
import { operators } from '../../src/modules/operators/schema.js';
import { followerUsers } from '../../src/modules/followers/schema.js';
import { loadConfig } from '../../src/main/config.js';

describeEachDb('security: secrets at rest (issue 10, finding 13)', (kind) => {
  let h: TestHerald;
  let p: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_PASSWORD_COST: '15' } });
    p = await startTestHerald(kind, { env: { HERALD_PASSWORD_COST: '15', HERALD_MODE: 'platform' } });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await p?.close();
  });

  it('hashes passwords with scrypt N=2^17, r=8, p=1 by default', { timeout: 30_000 }, async () => {
    expect(loadConfig({}).passwordCost).toBe(17);
    expect(DEFAULT_PASSWORD_COST_LOG2).toBe(17);
    setPasswordCost(DEFAULT_PASSWORD_COST_LOG2);
    try {
      const hash = await hashPassword('correct horse battery staple');
      expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
      expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
      expect(needsRehash(hash)).toBe(false);
    } finally {
      setPasswordCost(15);
    }
  });

  it('re-hashes an operator\'s older, cheaper hash at the next sign-in', async () => {
    setPasswordCost(14);
    const op = await makeOperator(h.services);
    setPasswordCost(15);
    const stored = async () => (await h.services.db.select({ hash: operators.passwordHash }).from(operators).where(eq(operators.id, op.id)))[0].hash;
    const before = await stored();
    expect(before.startsWith('scrypt$16384$')).toBe(true);
    expect(needsRehash(before)).toBe(true);
    await signIn(h.app, op.email, op.password);
    const after = await stored();
    expect(after.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword(op.password, after)).toBe(true);
    // And the next sign-in works with the new hash and leaves it alone.
    await signIn(h.app, op.email, op.password);
    expect(await stored()).toBe(after);
  });

  it('re-hashes a phone user\'s older, cheaper hash at the next sign-in (platform mode)', async () => {
    const json = { 'content-type': 'application/json' };
    setPasswordCost(14);
    const up = await p.app.inject({ method: 'POST', url: '/phone/api/signup', headers: json, payload: JSON.stringify({ email: 'rehash@example.com', nickname: 'R', password: 'password123' }) });
    expect(up.statusCode).toBe(201);
    setPasswordCost(15);
    const stored = async () => (await p.services.db.select({ hash: followerUsers.passwordHash }).from(followerUsers).where(eq(followerUsers.id, up.json().user.id)))[0].hash ?? '';
    expect((await stored()).startsWith('scrypt$16384$')).toBe(true);
    const login = await p.app.inject({ method: 'POST', url: '/phone/api/login', headers: json, payload: JSON.stringify({ email: 'rehash@example.com', password: 'password123' }) });
    expect(login.statusCode).toBe(200);
    expect((await stored()).startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('password123', await stored())).toBe(true);
  });

  it('an access_token issued before an AppSecret reset stops working (40001)', async () => {
    const org = await makeOrg(h.services);
    const { appid, secret } = await makeAccount(h.services, { orgId: org.id });
    const owner = await makeOperator(h.services, { orgId: org.id, role: 'owner' });
    const client = await signIn(h.app, owner.email, owner.password);
    const token = (await h.app.inject({ method: 'GET', url: `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}` })).json().access_token as string;
    const stable = (await h.app.inject({ method: 'POST', url: '/cgi-bin/stable_token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ grant_type: 'client_credential', appid, secret }) })).json().access_token as string;
    for (const t of [token, stable]) expect((await h.app.inject({ method: 'GET', url: `/cgi-bin/getcallbackip?access_token=${t}` })).json().ip_list).toBeTruthy();

    const reset = await client.post(`/console/api/accounts/${appid}/secret/reset`);
    expect(reset.status).toBe(200);
    for (const t of [token, stable]) {
      const after = (await h.app.inject({ method: 'GET', url: `/cgi-bin/getcallbackip?access_token=${t}` })).json();
      expect(after.errcode).toBe(40001);
    }
    // The new secret gets a working token.
    const fresh = (await h.app.inject({ method: 'GET', url: `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${reset.json.secret as string}` })).json().access_token as string;
    expect((await h.app.inject({ method: 'GET', url: `/cgi-bin/getcallbackip?access_token=${fresh}` })).json().ip_list).toBeTruthy();
  });
});
