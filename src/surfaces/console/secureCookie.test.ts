import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { makeOperator } from '../../../test/consoleFixtures.js';

describeEachDb('console cookie behind https', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_PUBLIC_URL: 'https://herald.example.com' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('marks the session cookie Secure when the public URL is https', async () => {
    const op = await makeOperator(h.services);
    const res = await h.app.inject({
      method: 'POST',
      url: '/console/api/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: op.email, password: op.password }),
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });
});
