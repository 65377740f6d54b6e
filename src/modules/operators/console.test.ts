import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { ConsoleClient, makeOperator, sessionCookieOf, signIn } from '../../../test/consoleFixtures.js';
import { operatorSessions } from './schema.js';

describeEachDb('console sign-in, sessions and CSRF', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const login = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    h.app.inject({ method: 'POST', url: '/console/api/login', headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });

  it('logs in: HTTP-only SameSite=Lax cookie, 7 days, only its SHA-256 stored', async () => {
    const op = await makeOperator(h.services);
    const res = await login({ email: op.email.toUpperCase(), password: op.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.operator).toEqual({ id: op.id, email: op.email, name: 'Test Operator', role: 'admin', platform_admin: false });
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^herald_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Max-Age=604800');
    expect(setCookie).not.toContain('Secure');
    const token = sessionCookieOf(res.headers['set-cookie'])!;
    const rows = await h.services.db.select().from(operatorSessions).where(eq(operatorSessions.operatorId, op.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0].tokenHash).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
  });

  it('rejects wrong passwords and unknown emails alike with 401', async () => {
    const op = await makeOperator(h.services);
    const wrong = await login({ email: op.email, password: 'not-the-password' });
    const unknown = await login({ email: `nobody-${op.id}@example.com`, password: 'whatever-pw' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Incorrect email or password.' } });
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    const op = await makeOperator(h.services);
    for (let i = 0; i < 6; i++) expect((await login({ email: op.email, password: `bad-${i}-password` })).statusCode).toBe(401);
    const locked = await login({ email: op.email, password: op.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    h.services.clock.advance(2000);
    expect((await login({ email: op.email, password: op.password })).statusCode).toBe(200);
  });

  it('answers /me with the operator, organization, CSRF token and the mode; 401 without a session', async () => {
    const op = await makeOperator(h.services, { orgName: 'Acme Media' });
    const client = await signIn(h.app, op.email, op.password);
    const me = await client.get('/console/api/me');
    expect(me.status).toBe(200);
    expect(me.json).toEqual({
      operator: { id: op.id, email: op.email, name: 'Test Operator', role: 'admin', platform_admin: false },
      org: { id: op.orgId, name: 'Acme Media' },
      csrf_token: client.csrf,
      mode: 'emulator',
    });
    expect(me.headers['cache-control']).toBe('no-store');

    const none = await h.app.inject({ method: 'GET', url: '/console/api/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    for (const cookie of ['herald_session=', 'herald_session=abc', `herald_session=${'A'.repeat(43)}`, `herald_session=${'%00'.repeat(20)}`, 'herald_session=' + 'x'.repeat(4000)]) {
      const r = await h.app.inject({ method: 'GET', url: '/console/api/me', headers: { cookie } });
      expect(r.statusCode).toBe(401);
    }
  });

  it('requires the CSRF header on every write, not on reads', async () => {
    const op = await makeOperator(h.services);
    const client = await signIn(h.app, op.email, op.password);
    const noHeader = new ConsoleClient(h.app, client.cookie, '');
    // One character changed (to a different one: the token may itself end in 'x').
    const wrong = new ConsoleClient(h.app, client.cookie, `${client.csrf.slice(0, -1)}${client.csrf.endsWith('x') ? 'y' : 'x'}`);
    for (const c of [noHeader, wrong]) {
      const writes = [
        await c.post('/console/api/logout'),
        await c.post('/console/api/accounts', { type: 'service', name: 'X' }),
        await c.request('PUT', '/console/api/accounts/wx0000000000000000/ip-whitelist', { entries: [] }),
      ];
      for (const r of writes) {
        expect(r.status).toBe(403);
        expect(r.json.error?.code).toBe('csrf');
      }
      expect((await c.get('/console/api/me')).status).toBe(200);
    }
    const other = await makeOperator(h.services);
    const otherClient = await signIn(h.app, other.email, other.password);
    // Another session's token does not work either.
    expect((await new ConsoleClient(h.app, client.cookie, otherClient.csrf).post('/console/api/logout')).status).toBe(403);
  });

  it('logs out: the session ends at once and the cookie is cleared', async () => {
    const op = await makeOperator(h.services);
    const client = await signIn(h.app, op.email, op.password);
    const out = await client.post('/console/api/logout');
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/herald_session=;/);
    expect((await client.get('/console/api/me')).status).toBe(401);
    expect(await h.services.db.select().from(operatorSessions).where(eq(operatorSessions.operatorId, op.id))).toHaveLength(0);
  });

  it('expires sessions after 7 days by the platform clock', async () => {
    const op = await makeOperator(h.services);
    const client = await signIn(h.app, op.email, op.password);
    h.services.clock.advance(7 * 24 * 3600 * 1000 - 60_000);
    expect((await client.get('/console/api/me')).status).toBe(200);
    h.services.clock.advance(60_000);
    expect((await client.get('/console/api/me')).status).toBe(401);
    // The next login cleans up the expired row.
    await signIn(h.app, op.email, op.password);
    expect(await h.services.db.select().from(operatorSessions).where(eq(operatorSessions.operatorId, op.id))).toHaveLength(1);
  });

  it('rejects malformed login bodies with 400, never 500', async () => {
    const cases: Array<[unknown, Record<string, string>, number]> = [
      ['', { 'content-type': 'application/json' }, 400],
      ['{', { 'content-type': 'application/json' }, 400],
      ['[]', { 'content-type': 'application/json' }, 400],
      ['null', { 'content-type': 'application/json' }, 400],
      [{ email: 1, password: true }, { 'content-type': 'application/json' }, 400],
      [{ email: 'a@b.co' }, { 'content-type': 'application/json' }, 400],
      [{ email: 'a@b.co', password: 'x'.repeat(2000) }, { 'content-type': 'application/json' }, 400],
      [{ email: 'a@b.co', password: 'password' }, { 'content-type': 'text/plain' }, 415],
      ['email=a%40b.co&password=x', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      [{ email: 'a@b.co', password: 'p'.repeat(70_000) }, { 'content-type': 'application/json' }, 413],
    ];
    for (const [body, headers, status] of cases) {
      const r = await login(body, headers);
      expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(r.json().error.code).toBeTypeOf('string');
      expect(r.json().error.message).toBeTypeOf('string');
    }
    const missing = await login({ email: 'a@b.co' });
    expect(missing.json().error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('password') });
  });
});
