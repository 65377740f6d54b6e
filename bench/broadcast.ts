/**
 * Push-post fan-out (BENCH_ONLY=fanout): Herald runs as a child process; N followers are seeded
 * with `herald seed`; a developer server on 127.0.0.1 receives MASSSENDJOBFINISH; phones are
 * connected over WebSocket. Measured: sendall response → MASSSENDJOBFINISH with exact counts,
 * the server's peak resident memory (VmHWM), and batch start → phone event (the batch's own
 * duration plus commit → phone). Baseline, same
 * database, same run: a plain INSERT … SELECT of the same N rows into a scratch table shaped like
 * broadcast_recipients (the raw cost of writing the recipient set). BENCH_FANOUT_N=n,n overrides N.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import { connect, type Database } from '../src/platform/db/connect.js';
import { herald, json, report, sleep, startHeraldProcess, type Child } from './lib.js';

const SIZES = (process.env.BENCH_FANOUT_N ?? '100000,1000000').split(',').map((s) => Number(s.replace(/_/g, ''))).filter((n) => Number.isInteger(n) && n > 0);
const PHONES = 20;
const JSON_HEADERS = { 'content-type': 'application/json' };
const post = <T>(url: string, body: unknown) => json<T>(url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });

/** A plaintext developer server that records MASSSENDJOBFINISH events. */
async function startReceiver() {
  const finishes: Array<{ at: number; xml: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const q = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
      if (req.method === 'GET') return void res.end(q.get('echostr') ?? '');
      if (body.includes('MASSSENDJOBFINISH')) finishes.push({ at: performance.now(), xml: body });
      res.end('success');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, finishes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const field = (xml: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(xml)?.[1];

function vmHwmMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `herald seed`, its progress lines passed through. */
function seed(env: Record<string, string>, appid: string, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['bin/herald.mjs', 'seed', '--followers', String(n), '--account', appid], { cwd: herald.root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      for (const line of d.toString().split('\n').filter(Boolean)) console.log(`    ${line}`);
    });
    proc.stdout.on('data', (d: Buffer) => process.stdout.write(`    ${d.toString()}`));
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed exited with ${code}: ${err.slice(-500)}`))));
  });
}

async function openDb(databaseUrl: string | undefined, dataDir: string): Promise<Database> {
  return databaseUrl ? connect({ kind: 'postgres', url: databaseUrl, max: 2 }) : connect({ kind: 'pglite', dataDir });
}

/** The baseline: INSERT … SELECT of the account's followers into a scratch recipient table. */
async function rawInsertSeconds(db: Database, appid: string): Promise<number> {
  await db.rows(sql`drop table if exists bench_scratch`);
  await db.rows(sql`create table bench_scratch (broadcast_id bigint not null, openid text not null, primary key (broadcast_id, openid))`);
  const t = performance.now();
  await db.rows(sql`insert into bench_scratch select 1, f.openid from follows f join accounts a on a.id = f.account_id where a.appid = ${appid} and f.subscribed`);
  const secs = (performance.now() - t) / 1000;
  await db.rows(sql`drop table bench_scratch`);
  return secs;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}

export async function benchFanout(label: string, databaseUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-bench-fanout-'));
  const env: Record<string, string> = { HERALD_DATA_DIR: dataDir, HERALD_MODE: 'emulator', HERALD_DEMO: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const receiver = await startReceiver();
  let herald: Child | undefined;
  try {
    for (const n of SIZES) {
      console.log(`\nPush-post fan-out to ${n.toLocaleString('en-US')} followers, sendall → MASSSENDJOBFINISH [${label}]`);
      herald = await startHeraldProcess({ databaseUrl, dataDir });
      const acc = await post<{ appid: string; secret: string }>(`${herald.url}/sim/v1/accounts`, { type: 'subscription', verified: true, name: `Fan-out ${n}` });
      await json(`${herald.url}/sim/v1/accounts/${acc.appid}/server`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ url: receiver.url, token: 'bench', mode: 'plaintext' }) });
      const phones: Array<{ openid: string; token: string; at?: number }> = [];
      for (let i = 0; i < PHONES; i++) {
        const user = await post<{ id: string }>(`${herald.url}/sim/v1/users`, { nickname: `Phone ${i}` });
        const { openid } = await post<{ openid: string }>(`${herald.url}/sim/v1/users/${user.id}/follow`, { account: acc.appid });
        const { token } = await post<{ token: string }>(`${herald.url}/sim/v1/users/${user.id}/phone-token`, {});
        phones.push({ openid, token });
      }
      await herald.stop();
      console.log(`  seeding ${n.toLocaleString('en-US')} followers (herald seed):`);
      const seedStart = performance.now();
      await seed(env, acc.appid, n);
      const seedSecs = (performance.now() - seedStart) / 1000;
      const total = n + PHONES;

      let db = await openDb(databaseUrl, dataDir);
      // Twice, the faster run counted: the first one also warms the cache, as the fan-out finds it.
      const baseline = Math.min(await rawInsertSeconds(db, acc.appid), await rawInsertSeconds(db, acc.appid));
      await db.close();

      herald = await startHeraldProcess({ databaseUrl, dataDir });
      const wsBase = herald.url.replace(/^http/, 'ws');
      const sockets = await Promise.all(
        phones.map(
          (p) =>
            new Promise<WebSocket>((resolve, reject) => {
              const ws = new WebSocket(`${wsBase}/phone/ws?token=${encodeURIComponent(p.token)}`);
              ws.on('message', (data) => {
                const frame = JSON.parse(data.toString()) as { type: string; appid?: string };
                if (frame.type === 'ready') resolve(ws);
                if (frame.type === 'broadcast' && frame.appid === acc.appid && p.at === undefined) p.at = Date.now();
              });
              ws.on('error', reject);
            }),
        ),
      );
      const tok = await json<{ access_token: string }>(`${herald.url}/cgi-bin/token?grant_type=client_credential&appid=${acc.appid}&secret=${acc.secret}`);
      const before = receiver.finishes.length;
      const sent = await post<{ errcode: number; msg_id: number }>(`${herald.url}/cgi-bin/message/mass/sendall?access_token=${tok.access_token}`, { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'bench' } });
      const t0 = performance.now();
      if (sent.errcode !== 0) throw new Error(`sendall failed: ${JSON.stringify(sent)}`);
      const deadline = Date.now() + 600_000;
      while (receiver.finishes.length === before && Date.now() < deadline) await sleep(20);
      const finish = receiver.finishes[before];
      const secs = finish ? (finish.at - t0) / 1000 : NaN;
      const peak = vmHwmMb(herald.proc.pid!);
      for (const s of sockets) s.terminate();
      await herald.stop();
      herald = undefined;

      const counts = finish ? ['TotalCount', 'SentCount'].map((f) => Number(field(finish.xml, f))) : [];
      const exact = counts.length === 2 && counts.every((c) => c === total) && field(finish!.xml, 'ErrorCount') === '0';
      // The phone's clock against the batch row's created_at (taken as its statement starts, on the
      // same machine clock): the batch's own duration plus commit → phone, an upper bound of the latter.
      db = await openDb(databaseUrl, dataDir);
      const batches = await db.rows<{ batch_no: number; last_openid: string; created_at: string | Date }>(
        sql`select batch_no, last_openid, created_at from broadcast_batches where broadcast_id = ${sent.msg_id} order by batch_no`,
      );
      await db.close();
      const delays: number[] = [];
      let missing = 0;
      for (const p of phones) {
        const k = batches.findIndex((b) => p.openid <= b.last_openid);
        if (p.at === undefined || k < 0) {
          missing++;
          continue;
        }
        delays.push(p.at - new Date(batches[k].created_at).getTime());
      }
      delays.sort((a, b) => a - b);
      console.log(`  seeded in ${seedSecs.toFixed(1)} s (${Math.round(n / seedSecs).toLocaleString('en-US')}/s); ${batches.length} batches; MASSSENDJOBFINISH TotalCount/SentCount ${counts.join('/')} of ${total.toLocaleString('en-US')}${exact ? ' (exact)' : ' — COUNTS WRONG'}${missing ? `; ${missing} phones got no event` : ''}`);
      const targetSecs = label === 'postgres' ? 10 : 30;
      report({
        name: `fan-out ${n.toLocaleString('en-US')} followers, sendall → MASSSENDJOBFINISH [${label}]${exact ? '' : ' (wrong counts)'}`,
        value: secs,
        unit: 's',
        baseline: { name: 'INSERT … SELECT of the same rows', value: baseline },
        ...(n >= 1_000_000 ? { target: { text: `< ${targetSecs} s`, met: secs < targetSecs && exact } } : {}),
      });
      report({ name: `peak RSS of the server, ${n.toLocaleString('en-US')} followers [${label}]`, value: peak, unit: 'MB', target: { text: '< 1,500 MB', met: peak < 1500 } });
      report({
        name: `batch start → phone event (bounds commit → phone), ${PHONES} phones, max [${label}]${missing ? ' (events missing)' : ''}`,
        value: delays.at(-1) ?? NaN,
        unit: 'ms',
        target: { text: '< 1,000 ms', met: (delays.at(-1) ?? Infinity) < 1000 && missing === 0 },
      });
      report({ name: `batch start → phone event p50 [${label}]`, value: percentile(delays, 50), unit: 'ms' });
    }
  } finally {
    await herald?.stop();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
