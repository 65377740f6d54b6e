import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { startDevServer, xmlField, type DevServer } from '../../../test/devServer.js';
import { loadConfig } from '../../main/config.js';
import { SystemClock } from '../../platform/clock.js';
import { startHerald, type Herald } from '../../main/server.js';

/**
 * Two nodes on one database: a web node (no worker) takes the simulator request, a worker node
 * delivers. They share no in-process hooks, so this only works through polling the outbox and
 * the delivery row.
 */
describeEachDb('simulator on a web node with a separate worker node', (kind) => {
  let web: TestHerald;
  let worker: Herald;
  let dev: DevServer;
  beforeAll(async () => {
    web = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
    worker = await startHerald({
      config: loadConfig({ HERALD_MODE: 'emulator', HERALD_ROLE: 'worker', HERALD_DEMO: '0', LOG_LEVEL: 'silent', PORT: '0' }),
      database: web.database,
      clock: new SystemClock({ adjustable: true }),
      logger: pino({ level: 'silent' }),
      listen: false,
    });
    dev = await startDevServer({ token: 'nodetoken' });
  });
  afterAll(async () => {
    await dev.close();
    await worker.close();
    await web.close();
  });

  it('waits for a delivery made by the other node', async () => {
    expect(web.services.signals.listenerCount('deliveriesQueued')).toBe(0);
    const post = async (url: string, body: object, method: 'POST' | 'PUT' = 'POST') => {
      const r = await web.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json() as Record<string, unknown>;
    };
    const account = await post('/sim/v1/accounts', { type: 'service', verified: true, name: 'Two nodes' });
    await post(`/sim/v1/accounts/${account.appid}/server`, { url: dev.url, token: 'nodetoken', mode: 'plaintext' }, 'PUT');
    const user = await post('/sim/v1/users', {});
    await post(`/sim/v1/users/${user.id}/follow`, { account: account.appid });
    const started = Date.now();
    const r = await post(`/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content: 'across nodes' });
    expect(r).toMatchObject({ delivery: { status: 'delivered', attempts: 1 }, reply_status: 'none' });
    // The worker's poll (500 ms) and the waiter's poll (100 ms) bound the latency.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(dev.requests.some((q) => q.method === 'POST' && xmlField(q.body, 'MsgId') === r.msg_id)).toBe(true);
  });
});
