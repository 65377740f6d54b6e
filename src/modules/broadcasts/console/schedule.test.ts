import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { signedInOperator } from '../../../../test/consoleFixtures.js';
import { addFollowers } from '../../../../test/factories/audience.js';
import { chinaDay, nextChinaDayStart } from '../../../platform/clock.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDb('console: 定时群发 offers only times with quota', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('drops today once its push is used, says when the next push is possible, and refuses a time without quota', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid, account } = await makeAccount(h.services, { orgId: op.orgId, type: 'subscription' });
    await addFollowers(h.database, account.id, 1);
    const api = `/console/api/accounts/${appid}/broadcasts`;
    const now = h.services.clock.nowMs();
    const before = ((await client.get(`${api}/schedule`)).json as Json).schedule;
    expect(before.next_push_at).toBe(before.now);
    expect(before.step_minutes).toBe(30);
    expect(before.windows[0].day).toBe(chinaDay(now + 5 * 60_000));

    const sent = await client.post(api, { msgtype: 'text', content: '早上好', audience: { kind: 'all' } });
    expect(sent.status).toBe(201);
    const after = ((await client.get(`${api}/schedule`)).json as Json).schedule;
    const midnight = nextChinaDayStart(now);
    expect(after.next_push_at).toBe(new Date(midnight).toISOString());
    expect(after.windows.map((w: Json) => w.day)).not.toContain(chinaDay(now));
    expect(after.windows[0].from).toBe(new Date(Math.max(midnight, Date.parse(after.now) + 5 * 60_000)).toISOString());

    // Today (if any of it is left) is refused; the first offered time is accepted.
    if (midnight - now > 10 * 60_000) {
      const today = await client.post(api, { msgtype: 'text', content: '今晚', audience: { kind: 'all' }, scheduledAt: new Date(now + 6 * 60_000).toISOString() });
      expect(today.status).toBe(409);
      expect((today.json as Json).error).toMatchObject({ code: 'push_quota_exceeded', details: { next_available_at: new Date(midnight).toISOString() } });
    }
    const ok = await client.post(api, { msgtype: 'text', content: '明天见', audience: { kind: 'all' }, scheduledAt: after.windows[0].from });
    expect(ok.status, ok.body).toBe(201);
    expect((ok.json as Json).push.status).toBe('scheduled');
    // That day is now used too.
    const next = ((await client.get(`${api}/schedule`)).json as Json).schedule;
    expect(next.windows.map((w: Json) => w.day)).not.toContain(after.windows[0].day);
  });

  it('refuses malformed and out-of-range schedule times', async () => {
    const { op, client } = await signedInOperator(h.app, h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId, type: 'service' });
    const api = `/console/api/accounts/${appid}/broadcasts`;
    const now = h.services.clock.nowMs();
    for (const at of ['tomorrow', '', '2026-13-45T99:00:00Z', new Date(now - 3600_000).toISOString(), new Date(now + 8 * 86_400_000).toISOString(), 12345, null, ['x']]) {
      const r = await client.post(api, { msgtype: 'text', content: 'x', audience: { kind: 'all' }, scheduledAt: at });
      expect(r.status, JSON.stringify(at)).toBe(400);
    }
    expect((await client.get(`/console/api/accounts/${'x'.repeat(300)}/broadcasts/schedule`)).status).toBe(404);
  });
});
