/**
 * Issue 10, finding 10: the phone's platform sign-up is throttled per address, answers a taken
 * email generically, and each follower user has a daily upload allowance.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { SystemClock } from '../../src/platform/clock.js';
import { DEFAULT_FOLLOWER_UPLOAD_BYTES_PER_DAY, loadConfig } from '../../src/main/config.js';
import { SIGNUP_LIMIT } from '../../src/modules/followers/phone/authRoutes.js';

const json = { 'content-type': 'application/json' };
const MB = 1024 * 1024;

/** A multipart body with one "media" part: bytes that sniff as PNG, `size` long. */
function pngUpload(size: number) {
  const boundary = 'herald-quota-boundary';
  const bytes = Buffer.alloc(size, 0x41);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDb('security: platform follower sign-up (issue 10, finding 10)', (kind) => {
  let h: TestHerald;
  const clock = new SystemClock({ adjustable: true });
  beforeAll(async () => {
    h = await startTestHerald(kind, { clock, env: { HERALD_MODE: 'platform', HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY: String(3 * MB) } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const signup = (body: object, ip: string) => h.app.inject({ method: 'POST', url: '/phone/api/signup', headers: json, remoteAddress: ip, payload: JSON.stringify(body) });

  it('100 sign-ups from one address: only the first 20 an hour get through', { timeout: 120_000 }, async () => {
    const ip = '203.0.113.77';
    const codes: number[] = [];
    for (let i = 0; i < 100; i++) codes.push((await signup({ email: `bulk${i}@example.com`, nickname: `B${i}`, password: 'password123' }, ip)).statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(SIGNUP_LIMIT.limit);
    expect(codes.slice(SIGNUP_LIMIT.limit).every((c) => c === 429)).toBe(true);
    const refused = await signup({ email: 'more@example.com', nickname: 'M', password: 'password123' }, ip);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected; the first one may sign up again an hour later.
    expect((await signup({ email: 'other@example.com', nickname: 'O', password: 'password123' }, '203.0.113.78')).statusCode).toBe(201);
    clock.advance(SIGNUP_LIMIT.windowMs);
    expect((await signup({ email: 'later@example.com', nickname: 'L', password: 'password123' }, ip)).statusCode).toBe(201);
  });

  it('a taken email, in any case and with spaces, gets a generic answer (no email_taken)', async () => {
    expect((await signup({ email: 'taken2@example.com', nickname: 'T', password: 'password123' }, '198.51.100.1')).statusCode).toBe(201);
    for (const [i, email] of ['taken2@example.com', 'TAKEN2@Example.com', '  taken2@example.com  '].entries()) {
      const res = await signup({ email, nickname: 'X', password: 'password123' }, `198.51.100.${i + 2}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({ code: 'signup_refused', message: 'Could not sign up with these details. If you already have an account, log in instead.' });
      expect(res.body).not.toContain('taken');
    }
  });

  it('a follower uploads at most the configured bytes in 24 hours, parallel uploads included', { timeout: 60_000 }, async () => {
    const up = await signup({ email: 'uploader@example.com', nickname: 'U', password: 'password123' }, '192.0.2.9');
    const token = up.json().token as string;
    const upload = () => {
      const { payload, headers } = pngUpload(MB);
      return h.app.inject({ method: 'POST', url: '/phone/api/media', headers: { ...headers, authorization: `Bearer ${token}` }, payload });
    };
    const first = await Promise.all(Array.from({ length: 6 }, upload));
    const codes = first.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = first.find((r) => r.statusCode === 429)!;
    expect(refused.json().error.code).toBe('upload_quota_exceeded');
    expect(refused.json().error.message).toContain('3 MB');
    clock.advance(24 * 3600 * 1000 + 1000);
    expect((await upload()).statusCode).toBe(201);
  });

  it('platform mode has an allowance by default; the emulator has none unless configured', () => {
    expect(loadConfig({ HERALD_MODE: 'platform' }).followerUploadBytesPerDay).toBe(DEFAULT_FOLLOWER_UPLOAD_BYTES_PER_DAY);
    expect(loadConfig({ HERALD_MODE: 'emulator' }).followerUploadBytesPerDay).toBeNull();
    expect(loadConfig({ HERALD_MODE: 'platform', HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY: '0' }).followerUploadBytesPerDay).toBeNull();
    expect(loadConfig({ HERALD_MODE: 'emulator', HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY: '1000' }).followerUploadBytesPerDay).toBe(1000);
    expect(() => loadConfig({ HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY: '-1' })).toThrow();
  });
});
