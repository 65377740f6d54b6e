import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { phoneClient, phoneUser } from '../../../test/phoneFixtures.js';
import { followerUsers } from '../../modules/followers/schema.js';
import { createFollowerUser } from '../../modules/followers/commands/followerUserCreator.js';
import { signPhoneToken } from './token.js';

describeEachDb('phone API: who the tab is (emulator mode)', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('tells the page which mode Herald runs in', async () => {
    const r = await phoneClient(h.app).get('/config');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ mode: 'emulator' });
  });

  it('creates a follower, lists it, and opens a session as it', async () => {
    const anon = phoneClient(h.app);
    const created = await anon.post('/users', { nickname: '  Li Lei ', city: 'Shenzhen', province: 'Guangdong', country: 'China', language: 'en' });
    expect(created.status, created.body).toBe(201);
    expect(created.json.user).toMatchObject({ nickname: 'Li Lei', city: 'Shenzhen', language: 'en', email: null });
    expect(created.json.user).not.toHaveProperty('password_hash');
    const list = await anon.get('/users');
    expect(list.json.users.map((u: { id: string }) => u.id)).toContain(created.json.user.id);

    const session = await anon.post('/session', { user_id: created.json.user.id });
    expect(session.status).toBe(200);
    expect(typeof session.json.token).toBe('string');
    const me = await phoneClient(h.app, session.json.token).get('/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { id: created.json.user.id, nickname: 'Li Lei' }, mode: 'emulator' });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('refuses bad profiles and unknown users', async () => {
    const anon = phoneClient(h.app);
    expect((await anon.post('/users', {})).status).toBe(400);
    expect((await anon.post('/users', { nickname: 'x'.repeat(65) })).status).toBe(400);
    expect((await anon.post('/users', { nickname: 'a\u0000b' })).status).toBe(400);
    const lang = await anon.post('/users', { nickname: 'ok', language: 'klingon' });
    expect(lang.status).toBe(400);
    expect(lang.json.error.code).toBe('invalid_user');
    expect((await anon.post('/session', { user_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await anon.post('/session', { user_id: "1' or 1=1 --" })).status).toBe(404);
    expect((await anon.post('/session', { user_id: 42 })).status).toBe(400);
  });

  it('has no sign-up or log-in in emulator mode', async () => {
    const anon = phoneClient(h.app);
    expect((await anon.post('/signup', { email: 'a@b.co', nickname: 'A', password: 'password1' })).status).toBe(404);
    expect((await anon.post('/login', { email: 'a@b.co', password: 'password1' })).status).toBe(404);
  });

  it('answers 401 without a valid token, for forged tokens, and once the user is gone', async () => {
    const anon = phoneClient(h.app);
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer x.y', `Bearer ${'a'.repeat(10_000)}`, 'Bearer a b']) {
      const r = await anon.get('/me', header === undefined ? {} : { authorization: header });
      expect(r.status, String(header).slice(0, 30)).toBe(401);
      expect(r.json.error.code).toBe('unauthorized');
      expect(r.headers['www-authenticate']).toBe('Bearer');
    }
    const victim = await createFollowerUser(h.services, { nickname: 'Victim' });
    const forged = signPhoneToken('not-the-secret', victim.id);
    expect((await phoneClient(h.app, forged).get('/me')).status).toBe(401);

    const { token, user } = await phoneUser(h.app, 'Short-lived');
    expect((await phoneClient(h.app, token).get('/me')).status).toBe(200);
    await h.services.db.delete(followerUsers).where(eq(followerUsers.id, user.id));
    expect((await phoneClient(h.app, token).get('/me')).status).toBe(401);
  });

  it('keeps two followers apart: each token sees only its own user', async () => {
    const a = await phoneUser(h.app, 'Alice');
    const b = await phoneUser(h.app, 'Bob');
    expect((await a.client.get('/me')).json.user.nickname).toBe('Alice');
    expect((await b.client.get('/me')).json.user.nickname).toBe('Bob');
    const { appid } = await makeAccount(h.services, { type: 'service', name: 'Isolation Bank' });
    expect((await a.client.post(`/accounts/${appid}/follow`)).json.account.followed).toBe(true);
    expect((await b.client.get(`/accounts/${appid}`)).json.account.followed).toBe(false);
    expect((await b.client.get('/accounts')).json.accounts).toEqual([]);
    expect((await a.client.get('/accounts')).json.accounts.map((x: { appid: string }) => x.appid)).toEqual([appid]);
  });

  it('answers unknown phone API paths with a JSON 404, not the web page', async () => {
    const r = await phoneClient(h.app).get('/nope');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
  });
});
