/**
 * A delivery accepted by Herald survives SIGKILL: the real server runs as a child process, a
 * push is in flight to a developer server that never answers, the child is killed, and after a
 * restart on the same data the developer server receives the delivery again, same MsgId.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { describeEachDb } from './harness.js';
import { startDevServer, xmlField, type Answer, type DevServer } from './devServer.js';
import { freePort, startChild, kill } from './child.js';

async function api(base: string, method: string, url: string, body?: object): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${url}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

describeEachDb('durable delivery across SIGKILL', (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  it('delivers a push that was in flight when the server was killed, with the same MsgId', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-durability-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { HERALD_DATA_DIR: dataDir };
    if (kind === 'postgres') {
      const base = process.env.TEST_DATABASE_URL!;
      const name = `herald_dur_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
        await c.end();
      });
    }

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

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await startChild({ ...env, PORT: String(port) });
    cleanups.push(() => kill(child, 'SIGKILL'));

    const account = await api(base, 'POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Durable' });
    await api(base, 'PUT', `/sim/v1/accounts/${account.appid}/server`, { url: dev.url, token: 'durable', mode: 'plaintext' });
    const user = await api(base, 'POST', '/sim/v1/users', { nickname: 'Kim' });
    const { openid } = await api(base, 'POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid });
    const sent = await api(base, 'POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content: 'survive', wait: false });
    const msgId = sent.msg_id as string;

    // Both pushes (subscribe, then the text) are in flight when the process dies.
    const inFlight = await dev.waitFor(3, 20_000); // verification GET + 2 POSTs
    expect(inFlight.filter((r) => r.method === 'POST').map((r) => xmlField(r.body, 'MsgType')).sort()).toEqual(['event', 'text']);
    await kill(child, 'SIGKILL');

    phase = 2;
    child = await startChild({ ...env, PORT: String(port) });

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
      const list = (await api(base, 'GET', `/sim/v1/accounts/${account.appid}/deliveries`)).deliveries as Array<Record<string, unknown>>;
      text = list.find((d) => d.msg_id === msgId);
      if (text?.status !== 'delivered') await new Promise((r) => setTimeout(r, 100));
    }
    expect(text).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((text?.attempts_log as Array<{ outcome: string }>).map((a) => a.outcome)).toEqual(['interrupted', 'ok']);

    await kill(child, 'SIGTERM');
  }, 120_000);
});
