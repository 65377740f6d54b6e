/**
 * A delivery accepted by Herald survives SIGKILL: the real server runs as a child process, a
 * push is in flight to a developer server that never answers, the child is killed, and after a
 * restart on the same data the developer server receives the delivery again, same MsgId.
 */
import { afterAll, expect, it } from 'vitest';
import { describeEachDb } from './harness.js';
import { startDevServer, xmlField, type Answer, type DevServer } from './devServer.js';
import { startChildHerald, type Cleanups } from './childHerald.js';

describeEachDb('durable delivery across SIGKILL', (kind) => {
  const cleanups: Cleanups = [];
  afterAll(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  it('delivers a push that was in flight when the server was killed, with the same MsgId', async () => {
    // Phase 1: the developer server holds every push open. Phase 2: it answers success.
    let phase: 1 | 2 = 1;
    const dev: DevServer = await startDevServer({
      token: 'durable',
      answer: (req): Answer => {
        if (req.method === 'GET') return { body: req.query.echostr };
        return phase === 1 ? { hang: true } : { body: 'success' };
      },
    });
    cleanups.push(() => dev.close());

    const herald = await startChildHerald(kind, 'durability', cleanups);
    const api = herald.api;

    const account = await api('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Durable' });
    await api('PUT', `/sim/v1/accounts/${account.appid}/server`, { url: dev.url, token: 'durable', mode: 'plaintext' });
    const user = await api('POST', '/sim/v1/users', { nickname: 'Kim' });
    const { openid } = await api('POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid });
    const sent = await api('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content: 'survive', wait: false });
    const msgId = sent.msg_id as string;

    // Both pushes (subscribe, then the text) are in flight when the process dies.
    const inFlight = await dev.waitFor(3, 20_000); // verification GET + 2 POSTs
    expect(inFlight.filter((r) => r.method === 'POST').map((r) => xmlField(r.body, 'MsgType')).sort()).toEqual(['event', 'text']);
    await herald.kill('SIGKILL');

    phase = 2;
    await herald.start();

    // The lease of the dead process runs out (15 s), then the restarted worker resumes.
    const all = await dev.waitFor(5, 45_000);
    const textPosts = all.filter((r) => r.method === 'POST' && xmlField(r.body, 'MsgType') === 'text');
    expect(textPosts.length).toBeGreaterThanOrEqual(2);
    expect(textPosts.map((r) => xmlField(r.body, 'MsgId'))).toEqual(textPosts.map(() => msgId));
    expect(textPosts.at(-1)?.query.openid).toBe(openid);
    expect(all.filter((r) => r.method === 'POST' && xmlField(r.body, 'Event') === 'subscribe').length).toBeGreaterThanOrEqual(2);

    // The log tells the story: attempt 1 interrupted by the crash, attempt 2 delivered.
    let text: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && text?.status !== 'delivered'; i++) {
      const list = (await api('GET', `/sim/v1/accounts/${account.appid}/deliveries`)).deliveries as Array<Record<string, unknown>>;
      text = list.find((d) => d.msg_id === msgId);
      if (text?.status !== 'delivered') await new Promise((r) => setTimeout(r, 100));
    }
    expect(text).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((text?.attempts_log as Array<{ outcome: string }> | undefined)?.map((a) => a.outcome)).toEqual(['interrupted', 'ok']);

    await herald.kill('SIGTERM');
  }, 120_000);
});
