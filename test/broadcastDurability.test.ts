/**
 * A push post survives SIGKILL during its fan-out: the real server runs as a child process with
 * 200,000 seeded followers, is killed after at least one batch committed and before the finish,
 * and after a restart on the same data every follower has exactly one recipient row, the counts
 * are exact and the developer server receives exactly one MASSSENDJOBFINISH.
 */
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { describeEachDb, type DbKind } from './harness.js';
import { startDevServer, xmlField, type DevServer } from './devServer.js';
import { root } from './child.js';
import { startChildHerald, type Cleanups } from './childHerald.js';
import { connect } from '../src/platform/db/connect.js';

const FOLLOWERS = 200_000;
const PHONES = 20;

/** Runs `herald seed` with the server stopped (the embedded database is opened by one process at a time). */
function seed(env: Record<string, string>, appid: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['bin/herald.mjs', 'seed', '--followers', String(FOLLOWERS), '--account', appid], {
      cwd: root,
      env: { ...process.env, HERALD_MODE: 'emulator', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`seed exited with ${code}:\n${out}`))));
  });
}

/** Reads the database directly (the server is stopped). */
async function inspect<T>(kind: DbKind, env: Record<string, string>, fn: (rows: <R>(q: ReturnType<typeof sql>) => Promise<R[]>) => Promise<T>): Promise<T> {
  const database = kind === 'pglite' ? await connect({ kind: 'pglite', dataDir: env.HERALD_DATA_DIR }) : await connect({ kind: 'postgres', url: env.DATABASE_URL, max: 2 });
  try {
    return await fn((q) => database.rows(q));
  } finally {
    await database.close();
  }
}

describeEachDb('push post fan-out across SIGKILL', (kind) => {
  const cleanups: Cleanups = [];
  afterAll(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  it(`delivers to all ${FOLLOWERS.toLocaleString('en-US')} followers exactly once after the server is killed mid-fan-out`, async () => {
    const dev: DevServer = await startDevServer({ token: 'fanout' });
    cleanups.push(() => dev.close());
    const herald = await startChildHerald(kind, 'fanout', cleanups);
    const { api, base, env } = herald;

    // An account with a developer server, and a few followers with phones.
    const account = await api('POST', '/sim/v1/accounts', { type: 'subscription', verified: true, name: 'Fan-out' });
    const appid = account.appid as string;
    await api('PUT', `/sim/v1/accounts/${appid}/server`, { url: dev.url, token: 'fanout', mode: 'plaintext' });
    const phoneTokens: string[] = [];
    for (let i = 0; i < PHONES; i++) {
      const user = await api('POST', '/sim/v1/users', { nickname: `Phone ${i}` });
      await api('POST', `/sim/v1/users/${user.id}/follow`, { account: appid });
      phoneTokens.push((await api('POST', `/sim/v1/users/${user.id}/phone-token`, {})).token as string);
    }
    await herald.kill('SIGTERM');
    const seeded = await seed(env, appid);
    expect(seeded).toMatch(/Created 200,000 followers/);
    const total = FOLLOWERS + PHONES;

    await herald.start();
    // The phones: the first broadcast event means a batch has committed; kill the server then.
    const sockets: WebSocket[] = [];
    cleanups.push(() => sockets.forEach((s) => s.terminate()));
    let firstEvent: (() => void) | null = null;
    const batchCommitted = new Promise<void>((resolve) => (firstEvent = resolve));
    await Promise.all(
      phoneTokens.map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`${base.replace('http', 'ws')}/phone/ws?token=${encodeURIComponent(token)}`);
            sockets.push(ws);
            ws.on('message', (data) => {
              const frame = JSON.parse(data.toString()) as { type: string; appid?: string };
              if (frame.type === 'ready') resolve();
              if (frame.type === 'broadcast' && frame.appid === appid) firstEvent?.();
            });
            ws.on('error', reject);
          }),
      ),
    );
    const { access_token: accessToken } = await api('GET', `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${account.secret as string}`);
    const sent = await api('POST', `/cgi-bin/message/mass/sendall?access_token=${accessToken as string}`, {
      filter: { is_to_all: true },
      msgtype: 'text',
      text: { content: 'Survives a crash' },
    });
    expect(sent).toMatchObject({ errcode: 0 });
    const msgId = Number(sent.msg_id);
    await Promise.race([batchCommitted, new Promise((_, reject) => setTimeout(() => reject(new Error('no batch committed within 90 s')), 90_000))]);
    await herald.kill('SIGKILL');
    for (const s of sockets) s.terminate();

    // Killed between the first batch and the finish.
    const mid = await inspect(kind, env, async (rows) => {
      const [b] = await rows<{ status: string }>(sql`select status from broadcasts where id = ${msgId}`);
      const [n] = await rows<{ batches: number; recipients: number }>(sql`
        select (select count(*)::int from broadcast_batches where broadcast_id = ${msgId}) as batches,
               (select count(*)::int from broadcast_recipients where broadcast_id = ${msgId}) as recipients`);
      return { status: b.status, ...n };
    });
    expect(mid.status).toBe('sending');
    expect(mid.batches).toBeGreaterThanOrEqual(1);
    expect(mid.recipients).toBeGreaterThan(0);
    expect(mid.recipients).toBeLessThan(total);

    // Restart on the same data: the dead runner's lease runs out and the fan-out resumes.
    const finishes = () => dev.requests.filter((r) => r.method === 'POST' && xmlField(r.body, 'Event') === 'MASSSENDJOBFINISH');
    await herald.start();
    const until = Date.now() + 150_000;
    while (finishes().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1500));
    await herald.kill('SIGTERM');

    const finish = finishes();
    expect(finish).toHaveLength(1);
    expect(xmlField(finish[0].body, 'MsgID')).toBe(String(msgId));
    expect(xmlField(finish[0].body, 'Status')).toBe('send success');
    for (const f of ['TotalCount', 'FilterCount', 'SentCount']) expect(xmlField(finish[0].body, f)).toBe(String(total));
    expect(xmlField(finish[0].body, 'ErrorCount')).toBe('0');

    const after = await inspect(kind, env, async (rows) => {
      const [r] = await rows<{ recipients: number; missing: number; strangers: number; delivered: number; considered: number; status: string }>(sql`
        select (select count(*)::int from broadcast_recipients where broadcast_id = ${msgId}) as recipients,
               (select count(*)::int from follows f join accounts a on a.id = f.account_id
                 where a.appid = ${appid} and not exists (select 1 from broadcast_recipients r where r.broadcast_id = ${msgId} and r.openid = f.openid)) as missing,
               (select count(*)::int from broadcast_recipients r where r.broadcast_id = ${msgId}
                 and not exists (select 1 from follows f join accounts a on a.id = f.account_id where a.appid = ${appid} and f.openid = r.openid)) as strangers,
               (select sum(delivered)::int from broadcast_batches where broadcast_id = ${msgId}) as delivered,
               (select sum(considered)::int from broadcast_batches where broadcast_id = ${msgId}) as considered,
               (select status from broadcasts where id = ${msgId}) as status`);
      return r;
    });
    // The primary key (broadcast_id, openid) rules out a second row for anyone.
    expect(after).toEqual({ recipients: total, missing: 0, strangers: 0, delivered: total, considered: total, status: 'done' });
  }, 420_000);
});
