/**
 * Issue 10, finding 13 (phone tokens): in platform mode a phone token lives 30 days by the
 * platform clock and is renewed on use past half its life; the emulator's tokens do not expire.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { SystemClock } from '../../src/platform/clock.js';
import { PHONE_TOKEN_HEADER, PHONE_TOKEN_TTL_MS } from '../../src/surfaces/phone/token.js';

const DAY = 24 * 3600 * 1000;
const json = { 'content-type': 'application/json' };

describeEachDb('security: phone token lifetime and renewal (issue 10, finding 13)', (kind) => {
  let p: TestHerald;
  let e: TestHerald;
  const clock = new SystemClock({ adjustable: true });
  beforeAll(async () => {
    p = await startTestHerald(kind, { clock, env: { HERALD_MODE: 'platform' } });
    e = await startTestHerald(kind);
  }, 180_000);
  afterAll(async () => {
    await p?.close();
    await e?.close();
  });

  const me = (h: TestHerald, token: string) => h.app.inject({ method: 'GET', url: '/phone/api/me', headers: { authorization: `Bearer ${token}` } });

  it('platform: a token expires after 30 days unless renewed on use past half its life', async () => {
    expect(PHONE_TOKEN_TTL_MS).toBe(30 * DAY);
    const up = await p.app.inject({ method: 'POST', url: '/phone/api/signup', headers: json, payload: JSON.stringify({ email: 'tok@example.com', nickname: 'T', password: 'password123' }) });
    const first = up.json().token as string;
    const fresh = await me(p, first);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers[PHONE_TOKEN_HEADER]).toBeUndefined();

    clock.advance(16 * DAY);
    const renewedRes = await me(p, first);
    expect(renewedRes.statusCode).toBe(200);
    const renewed = String(renewedRes.headers[PHONE_TOKEN_HEADER]);
    expect(renewed.split('.')[0]).toBe(first.split('.')[0]);
    expect(renewed).not.toBe(first);

    clock.advance(15 * DAY);
    const expired = await me(p, first);
    expect(expired.statusCode).toBe(401);
    expect((await me(p, renewed)).statusCode).toBe(200);
    // An altered expiry is a forgery.
    const [user, , sig] = renewed.split('.');
    expect((await me(p, `${user}.${(Math.floor(Date.now() / 1000) + 10 * 365 * 86400).toString(36)}.${sig}`)).statusCode).toBe(401);
    // WebSocket: the expired token is refused too.
    const ws = await p.app.inject({ method: 'GET', url: `/phone/ws?token=${encodeURIComponent(first)}` });
    expect(ws.statusCode).toBe(401);
    expect(ws.json().error.code).toBe('unauthorized');
  });

  it('emulator: simulated users\' tokens do not expire when the clock travels', async () => {
    const user = await e.app.inject({ method: 'POST', url: '/phone/api/users', headers: json, payload: JSON.stringify({ nickname: 'Sim' }) });
    const session = await e.app.inject({ method: 'POST', url: '/phone/api/session', headers: json, payload: JSON.stringify({ user_id: user.json().user.id }) });
    const token = session.json().token as string;
    e.services.clock.advance(400 * DAY);
    const res = await me(e, token);
    expect(res.statusCode).toBe(200);
    expect(res.headers[PHONE_TOKEN_HEADER]).toBeUndefined();
  });
});
