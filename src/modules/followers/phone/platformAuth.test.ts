import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { phoneClient } from '../../../../test/phoneFixtures.js';
import { HOSTILE_BODIES } from '../../../../test/hostileBodies.js';

describeEachDb('phone API: sign-up and log-in (platform mode)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_MODE: 'platform' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('has no user picker in platform mode', async () => {
    const anon = phoneClient(h.app);
    expect((await anon.get('/config')).json).toEqual({ mode: 'platform' });
    expect((await anon.get('/users')).status).toBe(404);
    expect((await anon.post('/users', { nickname: 'x' })).status).toBe(404);
    expect((await anon.post('/session', { user_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  it('signs up, then logs in with the same email in any case', async () => {
    const anon = phoneClient(h.app);
    const up = await anon.post('/signup', { email: 'Mei@Example.com', nickname: 'Mei', password: 'correct horse' });
    expect(up.status, up.body).toBe(201);
    expect(up.json.user).toMatchObject({ nickname: 'Mei', email: 'Mei@Example.com' });
    expect(up.body).not.toContain('scrypt');
    const me = await phoneClient(h.app, up.json.token).get('/me');
    expect(me.json).toMatchObject({ user: { id: up.json.user.id }, mode: 'platform' });

    const login = await anon.post('/login', { email: 'mei@example.COM', password: 'correct horse' });
    expect(login.status, login.body).toBe(200);
    expect(login.json.user.id).toBe(up.json.user.id);
    expect(typeof login.json.token).toBe('string');
  });

  it('refuses a taken email, a weak password and a malformed email', async () => {
    const anon = phoneClient(h.app);
    expect((await anon.post('/signup', { email: 'taken@example.com', nickname: 'A', password: 'password1' })).status).toBe(201);
    const dup = await anon.post('/signup', { email: 'TAKEN@example.com', nickname: 'B', password: 'password2' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('signup_refused');
    expect(dup.body).not.toContain('TAKEN');
    const weak = await anon.post('/signup', { email: 'weak@example.com', nickname: 'W', password: 'short' });
    expect([weak.status, weak.json.error.code]).toEqual([400, 'weak_password']);
    const bad = await anon.post('/signup', { email: 'not an email', nickname: 'W', password: 'password1' });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_email']);
    expect((await anon.post('/signup', { email: 'n@example.com', nickname: '', password: 'password1' })).status).toBe(400);
    expect((await anon.post('/signup', { email: 'n@example.com', nickname: 'N', password: 'p'.repeat(1025) })).status).toBe(400);
  });

  it('lets only one of two racing sign-ups with one email through', async () => {
    const anon = phoneClient(h.app);
    const results = await Promise.all(
      ['Race@example.com', 'race@example.com', 'RACE@example.com'].map((email, i) => anon.post('/signup', { email, nickname: `R${i}`, password: 'password1' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('answers wrong passwords and unknown emails alike, then slows guessing down', async () => {
    const anon = phoneClient(h.app);
    await anon.post('/signup', { email: 'guard@example.com', nickname: 'Guard', password: 'the right one' });
    const unknown = await anon.post('/login', { email: 'nobody@example.com', password: 'whatever1' });
    const wrong = await anon.post('/login', { email: 'guard@example.com', password: 'the wrong one' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.json.error).toEqual(wrong.json.error);
    for (let i = 0; i < 5; i++) await anon.post('/login', { email: 'guard@example.com', password: `wrong ${i}` });
    const locked = await anon.post('/login', { email: 'guard@example.com', password: 'the right one' });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers hostile sign-up and log-in bodies with a 4xx JSON error, never a 500', async () => {
    const anon = phoneClient(h.app);
    const extra: Array<[string, string]> = [
      ['nul email', '{"email":"a\\u0000@b.co","nickname":"x","password":"password1"}'],
      ['object password', '{"email":"a@b.co","nickname":"x","password":{"$gt":""}}'],
      ['huge password', JSON.stringify({ email: 'a@b.co', nickname: 'x', password: 'p'.repeat(50_000) })],
    ];
    for (const url of ['/signup', '/login']) {
      for (const [label, payload] of [...HOSTILE_BODIES, ...extra]) {
        const r = await anon.request('POST', url, payload);
        expect(r.status, `${url} ${label}: ${r.body.slice(0, 160)}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${url} ${label}`).toBeLessThan(500);
        expect(r.json.error?.code, `${url} ${label}`).toBeTypeOf('string');
      }
    }
  });
});
