/**
 * Issue 10, finding 13: passwords hashed at OWASP's scrypt cost with old hashes upgraded at
 * sign-in, access tokens revoked when the AppSecret is reset, and the phone token signing key
 * derived from a server secret key kept outside the database (HERALD_SECRET_KEY, or a 0600 key
 * file in the data directory), the old plaintext setting removed at start.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describeEachDb, makeAccount, makeOrg, openTestDatabase, startTestHerald, type TestHerald } from '../harness.js';
import { startHerald, type Herald } from '../../src/main/server.js';
import type { Database } from '../../src/platform/db/connect.js';
import { settings } from '../../src/platform/db/schema.js';
import { putSetting } from '../../src/platform/db/settings.js';
import { SECRET_KEY_FILE } from '../../src/platform/serverKey.js';
import { phoneTokenUser, signPhoneToken, verifyPhoneToken } from '../../src/surfaces/phone/token.js';
import { makeOperator, signIn } from '../consoleFixtures.js';
import { DEFAULT_PASSWORD_COST_LOG2, hashPassword, needsRehash, setPasswordCost, verifyPassword } from '../../src/platform/password.js';
import { operators } from '../../src/modules/operators/schema.js';
import { followerUsers } from '../../src/modules/followers/schema.js';
import { ConfigError, loadConfig } from '../../src/main/config.js';

const json = { 'content-type': 'application/json' };
const SHARED_KEY = 'a-deployment-wide-secret-key-0123456789abcdef';

/** Another node on `database`, with its own data directory unless one is given. */
async function nodeOn(database: Database, opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Herald & { dataDir: string }> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'herald-key-'));
  const config = loadConfig({ HERALD_DEMO: '0', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', HERALD_DATA_DIR: dataDir, HERALD_ROLE: 'web', HERALD_PASSWORD_COST: '14', ...opts.env });
  const herald = await startHerald({ config, database, logger: pino({ level: 'silent' }), listen: false });
  return { ...herald, dataDir };
}

/** A simulated follower user and a phone token issued to them by `herald`. */
async function userWithToken(herald: Pick<Herald, 'app'>): Promise<{ id: string; token: string }> {
  const user = (await herald.app.inject({ method: 'POST', url: '/sim/v1/users', headers: json, payload: JSON.stringify({ nickname: 'Key' }) })).json() as { id: string };
  const issued = await herald.app.inject({ method: 'POST', url: `/sim/v1/users/${user.id}/phone-token`, headers: json, payload: '{}' });
  expect(issued.statusCode).toBe(200);
  return { id: user.id, token: issued.json().token as string };
}

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

  it('keeps the phone token signing key out of the database', async () => {
    const { id, token } = await userWithToken(h);
    expect(await verifyPhoneToken(h.services, token)).toBe(id);
    const rows = await h.services.db.select().from(settings);
    expect(rows.filter((r) => r.key.startsWith('phone.'))).toEqual([]);
    // No value in the settings table signs the token.
    for (const r of rows) {
      if (typeof r.value === 'string') expect(phoneTokenUser(r.value, token)).toBeUndefined();
    }
  });

  it('makes the key file 0600 in the 0700 data directory; a restart on it accepts earlier tokens, another key does not', async () => {
    const { id, token } = await userWithToken(h);
    const file = path.join(h.config.dataDir, SECRET_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(h.config.dataDir).mode & 0o777).toBe(0o700);
    const restarted = await nodeOn(h.database, { dataDir: h.config.dataDir });
    const stranger = await nodeOn(h.database);
    try {
      expect(await verifyPhoneToken(restarted.services, token)).toBe(id);
      expect(await verifyPhoneToken(stranger.services, token)).toBeUndefined();
    } finally {
      await restarted.close();
      await stranger.close();
      rmSync(stranger.dataDir, { recursive: true, force: true });
    }
  });

  it('HERALD_SECRET_KEY: nodes sharing it accept each other\'s tokens, make no key file, and sign with a derived key', async () => {
    const a = await nodeOn(h.database, { env: { HERALD_SECRET_KEY: SHARED_KEY } });
    const b = await nodeOn(h.database, { env: { HERALD_SECRET_KEY: SHARED_KEY } });
    try {
      const { id, token } = await userWithToken(a);
      expect(await verifyPhoneToken(b.services, token)).toBe(id);
      expect(await verifyPhoneToken(h.services, token)).toBeUndefined();
      // The configured key itself does not sign tokens: a key is derived from it (HKDF).
      expect(phoneTokenUser(SHARED_KEY, token)).toBeUndefined();
      for (const n of [a, b]) expect(existsSync(path.join(n.dataDir, SECRET_KEY_FILE))).toBe(false);
    } finally {
      await a.close();
      await b.close();
      for (const n of [a, b]) rmSync(n.dataDir, { recursive: true, force: true });
    }
  });

  it('removes the old plaintext phone.token_secret at start; tokens signed with it are refused', async () => {
    const database = await openTestDatabase(kind);
    const legacy = 'legacy-phone-token-secret-kept-in-settings';
    await putSetting(database.db, 'phone.token_secret', legacy);
    const node = await nodeOn(database);
    try {
      const { id, token } = await userWithToken(node);
      expect(await verifyPhoneToken(node.services, token)).toBe(id);
      const old = signPhoneToken(legacy, id, Math.floor(Date.now() / 1000) + 3600);
      expect(await verifyPhoneToken(node.services, old)).toBeUndefined();
      const left = await database.db.select().from(settings).where(eq(settings.key, 'phone.token_secret'));
      expect(left).toEqual([]);
    } finally {
      await node.close();
      await database.close();
      rmSync(node.dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a split platform deployment on PostgreSQL without HERALD_SECRET_KEY, and a short key', () => {
    const base = { HERALD_MODE: 'platform', DATABASE_URL: 'postgres://herald@db.internal:5432/herald' };
    for (const role of ['web', 'worker']) {
      expect(() => loadConfig({ ...base, HERALD_ROLE: role })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, HERALD_ROLE: role })).toThrow(/HERALD_SECRET_KEY/);
      expect(loadConfig({ ...base, HERALD_ROLE: role, HERALD_SECRET_KEY: SHARED_KEY }).secretKey).toBe(SHARED_KEY);
    }
    // One node (role all), the embedded database and the emulator keep the key file.
    expect(loadConfig({ ...base }).secretKey).toBeUndefined();
    expect(loadConfig({ HERALD_MODE: 'platform', HERALD_ROLE: 'web' }).secretKey).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: base.DATABASE_URL, HERALD_ROLE: 'web' }).secretKey).toBeUndefined();
    // A short key is refused, and the refusal does not repeat it.
    const short = 'too-short-secret';
    let problem = '';
    try {
      loadConfig({ HERALD_SECRET_KEY: short });
    } catch (err) {
      problem = (err as Error).message;
    }
    expect(problem).toMatch(/HERALD_SECRET_KEY/);
    expect(problem).not.toContain(short);
  });
});
