/**
 * Issue 10, finding 2: login throttling held against parallel guessing, and a known operator is
 * never kept out. Console login and the phone's platform login, over real HTTP (inject).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';

const json = { 'content-type': 'application/json' };

describeEachDb('security: login throttling (issue 10, finding 2)', (kind) => {
  let h: TestHerald;
  let p: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
    p = await startTestHerald(kind, { env: { HERALD_MODE: 'platform' } });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await p?.close();
  });

  const consoleLogin = (email: string, password: string, ip = '203.0.113.7') =>
    h.app.inject({ method: 'POST', url: '/console/api/login', headers: json, remoteAddress: ip, payload: JSON.stringify({ email, password }) });
  const phoneLogin = (email: string, password: string, ip = '203.0.113.8') =>
    p.app.inject({ method: 'POST', url: '/phone/api/login', headers: json, remoteAddress: ip, payload: JSON.stringify({ email, password }) });

  it('console: 100 parallel logins, 99 wrong then the right one: the right one does not get through', async () => {
    const op = await makeOperator(h.services);
    const all = await Promise.all([
      ...Array.from({ length: 99 }, (_, i) => consoleLogin(op.email, `wrong-${i}-password`)),
      consoleLogin(op.email, op.password),
    ]);
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(0);
    expect(codes[99]).toBe(429);
    // Counted before hashing: only the free attempts (5) and the one that starts the back-off reach the hash.
    expect(codes.filter((c) => c === 401)).toHaveLength(6);
    expect(codes.filter((c) => c === 429)).toHaveLength(94);
    expect(Number(all[99].headers['retry-after'])).toBeGreaterThan(0);
  });

  it('console: the lock is a back-off (1 s doubling), and a success clears the address', async () => {
    const op = await makeOperator(h.services);
    const ip = '198.51.100.20';
    for (let i = 0; i < 6; i++) expect((await consoleLogin(op.email, `bad-${i}-password`, ip)).statusCode).toBe(401);
    const first = await consoleLogin(op.email, op.password, ip);
    expect(first.statusCode).toBe(429);
    expect(Number(first.headers['retry-after'])).toBe(1);
    h.services.clock.advance(1000);
    expect((await consoleLogin(op.email, 'bad-again-password', ip)).statusCode).toBe(401);
    expect(Number((await consoleLogin(op.email, op.password, ip)).headers['retry-after'])).toBe(2);
    h.services.clock.advance(2000);
    expect((await consoleLogin(op.email, op.password, ip)).statusCode).toBe(200);

    // The address had 8 failures counted; after the success 49 more failures on other emails are
    // still free (the address allows 50 before delays start): the success cleared its counter.
    for (let i = 0; i < 49; i++) expect((await consoleLogin(`nobody-${i}-${op.id}@example.com`, 'x-password', ip)).statusCode).toBe(401);
    expect((await consoleLogin(`nobody-last-${op.id}@example.com`, 'x-password', ip)).statusCode).toBe(401);
  });

  it('console: guessing from elsewhere cannot keep a known operator out', async () => {
    const op = await makeOperator(h.services);
    const home = '192.0.2.50';
    expect((await consoleLogin(op.email, op.password, home)).statusCode).toBe(200);
    // A guesser spread over many addresses drives the account's back-off to its cap.
    for (let i = 0; i < 40; i++) await consoleLogin(op.email, `guess-${i}-password`, `198.18.0.${i + 1}`);
    const elsewhere = await consoleLogin(op.email, op.password, '198.18.1.1');
    expect(elsewhere.statusCode).toBe(429);
    // The operator's own address is not subject to the account-wide back-off.
    expect((await consoleLogin(op.email, op.password, home)).statusCode).toBe(200);
    // The cap is 15 minutes, not a permanent lock.
    h.services.clock.advance(15 * 60 * 1000);
    expect((await consoleLogin(op.email, op.password, '198.18.1.1')).statusCode).toBe(200);
  });

  it('phone (platform): 100 parallel logins, 99 wrong then the right one: the right one does not get through', async () => {
    const email = `mei-${Date.now()}@example.com`;
    const up = await p.app.inject({ method: 'POST', url: '/phone/api/signup', headers: json, payload: JSON.stringify({ email, nickname: 'Mei', password: 'correct horse battery' }) });
    expect(up.statusCode, up.body).toBe(201);
    const all = await Promise.all([
      ...Array.from({ length: 99 }, (_, i) => phoneLogin(email, `wrong-${i}-password`)),
      phoneLogin(email, 'correct horse battery'),
    ]);
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(0);
    expect(codes[99]).toBe(429);
    expect(codes.filter((c) => c === 401)).toHaveLength(6);
  });
});
