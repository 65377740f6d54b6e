import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { addFollower, addFollowers } from '../../../../test/factories/audience.js';
import { SystemClock, chinaDay, chinaMonth } from '../../../platform/clock.js';
import { broadcasts } from '../schema.js';
import type { Audience } from '../store/broadcastFanout.js';
import { startBroadcastRunner, type BroadcastRunner } from './broadcastRunner.js';

/** A push post row as the sender writes it (the runner's input). */
async function queueBroadcast(
  h: TestHerald,
  accountId: string,
  audience: Audience,
  opts: { status?: string; scheduledAt?: Date; acceptedAt?: Date; month?: string } = {},
): Promise<number> {
  const now = opts.acceptedAt ?? h.services.clock.now();
  const [row] = await h.services.db
    .insert(broadcasts)
    .values({
      accountId,
      msgtype: 'text',
      payload: { content: 'hello' },
      audience,
      status: opts.status ?? 'queued',
      placement: 'chats',
      chinaDay: chinaDay(now.getTime()),
      chinaMonth: opts.month ?? chinaMonth(now.getTime()),
      scheduledAt: opts.scheduledAt ?? null,
      acceptedAt: now,
      createdAt: now,
    })
    .returning({ id: broadcasts.id });
  return row.id;
}

async function waitDone(h: TestHerald, id: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await h.database.rows<{ status: string; total_count: number; filter_count: number; sent_count: number; error_count: number }>(
      sql`select status, total_count, filter_count, sent_count, error_count from broadcasts where id = ${id}`,
    );
    if (row.status === 'done') return row;
    if (Date.now() > until) throw new Error(`broadcast ${id} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function recipients(h: TestHerald, id: number): Promise<string[]> {
  const rows = await h.database.rows<{ openid: string }>(sql`select openid from broadcast_recipients where broadcast_id = ${id} order by openid`);
  return rows.map((r) => r.openid);
}

describeEachDb('broadcast fan-out runner', (kind) => {
  let h: TestHerald;
  let clock: SystemClock;
  const runners: BroadcastRunner[] = [];
  const runner = (batchSize = 7) => {
    const r = startBroadcastRunner(h.services, { batchSize, pollMs: 50 });
    runners.push(r);
    return r;
  };
  beforeAll(async () => {
    clock = new SystemClock({ adjustable: true });
    // Role web: no workers start on their own; each test runs the runners it needs.
    h = await startTestHerald(kind, { clock, env: { HERALD_ROLE: 'web' } });
  });
  // Each test runs its own runners only.
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends to every follower subscribed at acceptance, except blacklisted, unsubscribed and later followers', async () => {
    const { account } = await makeAccount(h.services, { type: 'subscription' });
    const past = new Date(clock.nowMs() - 60_000);
    const fans = await addFollowers(h.database, account.id, 30, { subscribedAt: past });
    const gone = await addFollowers(h.database, account.id, 3, { subscribed: false, subscribedAt: past });
    await h.database.rows(sql`insert into blacklist (account_id, openid, created_at) values (${account.id}, ${fans[0].openid}, now()), (${account.id}, ${fans[1].openid}, now())`);
    const id = await queueBroadcast(h, account.id, { kind: 'all' });
    const late = await addFollower(h.database, account.id, { subscribedAt: new Date(clock.nowMs() + 1000) });
    runner();
    const done = await waitDone(h, id);
    const expected = fans.slice(2).map((f) => f.openid).sort();
    expect(await recipients(h, id)).toEqual(expected);
    expect(expected).not.toContain(late.openid);
    expect(gone.some((g) => expected.includes(g.openid))).toBe(false);
    expect(done).toMatchObject({ total_count: 28, sent_count: 28, error_count: 0 });
    const batches = await h.database.rows<{ batch_no: number; considered: number; delivered: number; after_openid: string; last_openid: string }>(
      sql`select batch_no, considered, delivered, after_openid, last_openid from broadcast_batches where broadcast_id = ${id} order by batch_no`,
    );
    // 28 recipients in batches of 7: 4 full batches, and contiguous ranges.
    expect(batches.map((b) => b.considered)).toEqual([7, 7, 7, 7]);
    for (let i = 1; i < batches.length; i++) expect(batches[i].after_openid).toBe(batches[i - 1].last_openid);
    expect(batches[0].after_openid).toBe('');
  });

  it('tells connected phones of recipients after their batch commits, and nobody else', async () => {
    const { account } = await makeAccount(h.services, { type: 'subscription' });
    const fans = await addFollowers(h.database, account.id, 25, { subscribedAt: new Date(clock.nowMs() - 60_000) });
    await h.database.rows(sql`insert into blacklist (account_id, openid, created_at) values (${account.id}, ${fans[1].openid}, now())`);
    const events = new Map<string, unknown[]>();
    const unsubscribe = [fans[0], fans[1], fans[24]].map((f) => {
      events.set(f.userId, []);
      return h.services.realtime.subscribe(f.userId, (e) => events.get(f.userId)!.push(e));
    });
    const id = await queueBroadcast(h, account.id, { kind: 'all' });
    runner(6);
    await waitDone(h, id);
    const until = Date.now() + 10_000;
    while ((events.get(fans[0].userId)!.length === 0 || events.get(fans[24].userId)!.length === 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    unsubscribe.forEach((u) => u());
    expect(events.get(fans[0].userId)).toEqual([{ type: 'broadcast', appid: account.appid, msgId: id }]);
    expect(events.get(fans[24].userId)).toEqual([{ type: 'broadcast', appid: account.appid, msgId: id }]);
    expect(events.get(fans[1].userId)).toEqual([]);
  });

  it('sends to a tag and to an openid list', async () => {
    const { account } = await makeAccount(h.services, { type: 'service' });
    const past = new Date(clock.nowMs() - 60_000);
    const fans = await addFollowers(h.database, account.id, 20, { subscribedAt: past });
    const other = await makeAccount(h.services, { type: 'service' });
    const stranger = await addFollower(h.database, other.account.id, { subscribedAt: past });
    await h.database.rows(sql`insert into tags (account_id, tag_id, name, created_at) values (${account.id}, 100, 'vip', now())`);
    const tagged = fans.slice(0, 9);
    for (const f of tagged) await h.database.rows(sql`insert into follow_tags (account_id, openid, tag_id, created_at) values (${account.id}, ${f.openid}, 100, now())`);
    const byTag = await queueBroadcast(h, account.id, { kind: 'tag', tagId: 100 });
    const list = [fans[3].openid, fans[12].openid, fans[12].openid, stranger.openid, 'oNOTAFOLLOWER000000000000000'];
    const byList = await queueBroadcast(h, account.id, { kind: 'openids', openids: list });
    runner(4);
    await waitDone(h, byTag);
    await waitDone(h, byList);
    expect(await recipients(h, byTag)).toEqual(tagged.map((f) => f.openid).sort());
    expect(await recipients(h, byList)).toEqual([fans[3].openid, fans[12].openid].sort());
  });

  it('filters followers who already received 4 push posts this China month, and counts them', async () => {
    const { account } = await makeAccount(h.services, { type: 'service' });
    const past = new Date(clock.nowMs() - 60_000);
    const fans = await addFollowers(h.database, account.id, 12, { subscribedAt: past });
    const month = chinaMonth(clock.nowMs());
    // Four earlier posts this month: fans 0-4 received all four, fans 5-7 three of them.
    const earlier: number[] = [];
    for (let i = 0; i < 4; i++) earlier.push(await queueBroadcast(h, account.id, { kind: 'all' }, { status: 'done' }));
    for (const [i, id] of earlier.entries()) {
      const got = fans.slice(0, i < 3 ? 8 : 5);
      for (const f of got) await h.database.rows(sql`insert into broadcast_recipients (broadcast_id, openid) values (${id}, ${f.openid})`);
    }
    // A post of another month does not count.
    const old = await queueBroadcast(h, account.id, { kind: 'all' }, { status: 'done', month: '2001-01' });
    await h.database.rows(sql`insert into broadcast_recipients (broadcast_id, openid) values (${old}, ${fans[9].openid})`);
    const id = await queueBroadcast(h, account.id, { kind: 'all' }, { month });
    runner(5);
    const done = await waitDone(h, id);
    expect(await recipients(h, id)).toEqual(fans.slice(5).map((f) => f.openid).sort());
    // FilterCount is WeChat's "ready to send" count: all but the filtered.
    expect(done).toMatchObject({ total_count: 12, filter_count: 7, sent_count: 7, error_count: 0 });
    const [sums] = await h.database.rows<{ filtered: number }>(sql`select sum(filtered)::int as filtered from broadcast_batches where broadcast_id = ${id}`);
    expect(sums.filtered).toBe(5);
  });

  it('delivers exactly once when two runners race on one push post', async () => {
    const { account } = await makeAccount(h.services, { type: 'subscription' });
    const fans = await addFollowers(h.database, account.id, 500, { subscribedAt: new Date(clock.nowMs() - 60_000) });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await queueBroadcast(h, account.id, { kind: 'all' }));
    const a = runner(13);
    const b = runner(17);
    a.wake();
    b.wake();
    for (const id of ids) {
      const done = await waitDone(h, id);
      expect(done).toMatchObject({ total_count: 500, sent_count: 500 });
      expect(await recipients(h, id)).toEqual(fans.map((f) => f.openid).sort());
      const [sums] = await h.database.rows<{ delivered: number; n: number }>(
        sql`select sum(delivered)::int as delivered, count(*)::int as n from broadcast_batches where broadcast_id = ${id}`,
      );
      expect(sums.delivered).toBe(500);
    }
  });

  it('delivers exactly once when two runners keep taking one push post from each other', async () => {
    const { account } = await makeAccount(h.services, { type: 'subscription' });
    const fans = await addFollowers(h.database, account.id, 200, { subscribedAt: new Date(clock.nowMs() - 60_000) });
    const id = await queueBroadcast(h, account.id, { kind: 'all' });
    // Leases of 1 ms: each runner finds the other's lease expired at every poll and takes over.
    for (const size of [10, 11]) runners.push(startBroadcastRunner(h.services, { batchSize: size, pollMs: 5, leaseMs: 1 }));
    const done = await waitDone(h, id);
    expect(done).toMatchObject({ total_count: 200, sent_count: 200, error_count: 0 });
    expect(await recipients(h, id)).toEqual(fans.map((f) => f.openid).sort());
    const batches = await h.database.rows<{ after_openid: string; last_openid: string; delivered: number }>(
      sql`select after_openid, last_openid, delivered from broadcast_batches where broadcast_id = ${id} order by batch_no`,
    );
    for (let i = 1; i < batches.length; i++) expect(batches[i].after_openid).toBe(batches[i - 1].last_openid);
    expect(batches.reduce((n, b) => n + b.delivered, 0)).toBe(200);
  });

  it('resumes after the last committed batch when a runner died holding the lease', async () => {
    const { account } = await makeAccount(h.services, { type: 'subscription' });
    const fans = await addFollowers(h.database, account.id, 40, { subscribedAt: new Date(clock.nowMs() - 60_000) });
    const sorted = fans.map((f) => f.openid).sort();
    const id = await queueBroadcast(h, account.id, { kind: 'all' }, { status: 'sending' });
    // A dead runner committed two batches (openids 1-10) and its lease ran out a while ago.
    await h.database.rows(sql`update broadcasts set locked_by = 'dead', locked_until = ${new Date(clock.nowMs() - 1000).toISOString()}::timestamptz where id = ${id}`);
    await h.database.rows(sql`insert into broadcast_recipients (broadcast_id, openid) select ${id}, unnest(${`{${sorted.slice(0, 10).join(',')}}`}::text[])`);
    await h.database.rows(sql`insert into broadcast_batches (broadcast_id, batch_no, after_openid, last_openid, considered, delivered, created_at)
      values (${id}, 1, '', ${sorted[4]}, 5, 5, now()), (${id}, 2, ${sorted[4]}, ${sorted[9]}, 5, 5, now())`);
    runner(8);
    const done = await waitDone(h, id);
    expect(done).toMatchObject({ total_count: 40, sent_count: 40 });
    expect(await recipients(h, id)).toEqual(sorted);
    const [n] = await h.database.rows<{ n: number; delivered: number }>(sql`select count(*)::int as n, sum(delivered)::int as delivered from broadcast_batches where broadcast_id = ${id}`);
    expect(n).toEqual({ n: 2 + 4, delivered: 40 });
  });

  it('fires a scheduled push post when the clock passes its time, to followers at that time', async () => {
    const { account } = await makeAccount(h.services, { type: 'subscription' });
    const before = await addFollowers(h.database, account.id, 5, { subscribedAt: new Date(clock.nowMs() - 60_000) });
    const at = new Date(clock.nowMs() + 3 * 3600_000);
    const id = await queueBroadcast(h, account.id, { kind: 'all' }, { status: 'scheduled', scheduledAt: at });
    const meanwhile = await addFollowers(h.database, account.id, 2, { subscribedAt: new Date(clock.nowMs() + 3600_000) });
    await addFollowers(h.database, account.id, 1, { subscribedAt: new Date(clock.nowMs() + 4 * 3600_000) });
    runner();
    await new Promise((r) => setTimeout(r, 400));
    const [still] = await h.database.rows<{ status: string }>(sql`select status from broadcasts where id = ${id}`);
    expect(still.status).toBe('scheduled');
    clock.advance(5 * 3600_000);
    await waitDone(h, id);
    expect(await recipients(h, id)).toEqual([...before, ...meanwhile].map((f) => f.openid).sort());
  });
});
