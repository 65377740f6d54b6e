import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';

describeEachDb('simulator API in platform mode', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { env: { HERALD_MODE: 'platform' } });
  });
  afterAll(async () => {
    await herald.close();
  });

  it('does not exist', async () => {
    for (const [method, url] of [
      ['POST', '/sim/v1/accounts'],
      ['POST', '/sim/v1/users'],
      ['GET', '/sim/v1/clock'],
      ['POST', '/sim/v1/clock/advance'],
    ] as const) {
      const r = await herald.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'POST' ? '{"seconds":60}' : undefined });
      expect(r.statusCode, url).toBe(404);
    }
    expect(herald.services.clock.offsetMs()).toBe(0);
  });
});
