/**
 * Messaging benchmarks:
 * - send: POST /cgi-bin/message/custom/send to followers of one account, beside a bare route;
 * - fanin: follower messages pushed in safe mode (AES) to a local developer server that verifies
 *   and decrypts every push, beside that server's raw capacity;
 * - phone: custom/send → WebSocket frame latency on 1,000 connected phones, beside the HTTP
 *   latency of the same sends.
 * Everything runs on 127.0.0.1; every phase is bounded in time and in count.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon, { type RequestSpec } from 'autocannon';
import WebSocket from 'ws';
import { decrypt, encrypt, msgSignature, newNonce, signature } from '../src/protocol/crypto.js';
import { freePort, json, report, sleep, startHeraldProcess, startProcess, type Child } from './lib.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const JSON_HEADERS = { 'content-type': 'application/json' };

// ---------------------------------------------------------------------------------------------
// Setup helpers (through /sim/v1)

interface Account {
  appid: string;
  secret: string;
}
interface Follower {
  id: string;
  openid: string;
}

export const post = <T>(url: string, body: unknown) => json<T>(url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });

export async function createAccount(base: string): Promise<Account & { token: string }> {
  const acc = await post<Account>(`${base}/sim/v1/accounts`, { type: 'service', verified: true, name: 'Bench' });
  if (!acc.appid) throw new Error(`account not created: ${JSON.stringify(acc)}`);
  const tok = await json<{ access_token: string }>(`${base}/cgi-bin/token?grant_type=client_credential&appid=${acc.appid}&secret=${acc.secret}`);
  if (!tok.access_token) throw new Error(`no token: ${JSON.stringify(tok)}`);
  return { ...acc, token: tok.access_token };
}

/** Runs fn(0..n-1) with `concurrency` in flight, printing progress every `every` items. */
async function pool(n: number, concurrency: number, label: string, fn: (i: number) => Promise<void>, every = 500): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      await fn(i);
      done++;
      if (done % every === 0 && done < n) process.stdout.write(` ${done.toLocaleString('en-US')}…`);
    }
  };
  process.stdout.write(`  ${label} ${n.toLocaleString('en-US')}…`);
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  process.stdout.write(' done\n');
}

/** Creates `n` users that follow `appid` and each send `messages` text messages (each opens a 48-hour window of 5 sends). */
export async function createFollowers(base: string, appid: string, n: number, messages: number): Promise<Follower[]> {
  const out: Follower[] = new Array(n);
  await pool(n, 32, `creating followers (each sends ${messages} message${messages === 1 ? '' : 's'})`, async (i) => {
    const user = await post<{ id: string }>(`${base}/sim/v1/users`, { nickname: `bench${i}` });
    if (!user.id) throw new Error(`user not created: ${JSON.stringify(user)}`);
    const f = await post<{ openid: string }>(`${base}/sim/v1/users/${user.id}/follow`, { account: appid });
    if (!f.openid) throw new Error(`follow failed: ${JSON.stringify(f)}`);
    for (let m = 0; m < messages; m++) {
      const r = await post<{ msg_id?: unknown }>(`${base}/sim/v1/users/${user.id}/messages`, { account: appid, msgtype: 'text', content: `hello ${m}`, wait: false });
      if (r.msg_id === undefined) throw new Error(`message failed: ${JSON.stringify(r)}`);
    }
    out[i] = { id: user.id, openid: f.openid };
  });
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function startBare(): Promise<Child> {
  const port = await freePort();
  return startProcess(['--import', 'tsx', 'bench/bareServer.ts'], { PORT: String(port) }, 'bare server ready', port);
}

// ---------------------------------------------------------------------------------------------
// 1. send

const SEND_CONNECTIONS = 64;
const SEND_FOLLOWERS = Number(process.env.BENCH_SEND_FOLLOWERS ?? 2000);
/** Sizing: room for this many sends per second over the whole phase (beyond it the run stops early). */
// Above any rate a 2-core machine reaches, so the run lasts its full duration: a run that used up
// its windows early would end on autocannon's one-second tick and be quantised to 1/8, 1/9, 1/10 s.
const SEND_MAX_RATE = 15000;
const SEND_WARMUP = 1000;

export async function benchCustomSend(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nCustom message send, POST /cgi-bin/message/custom/send, ${SEND_CONNECTIONS} connections, ${DURATION} s [${label}]`);
  const bare = await startBare();
  const herald = await startHeraldProcess({ databaseUrl });
  try {
    const acc = await createAccount(herald.url);
    // Each inbound message opens a window of 5 sends; open enough that no follower runs out.
    const windows = Math.min(20, Math.max(1, Math.ceil((SEND_MAX_RATE * DURATION + SEND_WARMUP) / (SEND_FOLLOWERS * 5))));
    const followers = await createFollowers(herald.url, acc.appid, SEND_FOLLOWERS, windows);
    const capacity = SEND_FOLLOWERS * windows * 5;
    let next = 0;
    const errors = { non2xx: 0, errcode: 0, samples: [] as string[] };
    const spec = (counted: boolean): RequestSpec => ({
      method: 'POST',
      path: `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(acc.token)}`,
      headers: JSON_HEADERS,
      setupRequest: (req: RequestSpec): RequestSpec => {
        const i = next++;
        return { ...req, body: JSON.stringify({ touser: followers[i % followers.length].openid, msgtype: 'text', text: { content: `bench send ${i}` } }) };
      },
      onResponse: (status: number, body: string) => {
        if (!counted) return;
        const bad = status < 200 || status >= 300;
        const errcode = !bad && !/"errcode":0[,}]/.test(body);
        if (bad) errors.non2xx++;
        if (errcode) errors.errcode++;
        if ((bad || errcode) && errors.samples.length < 3) errors.samples.push(`${status} ${body.slice(0, 160)}`);
      },
    });
    const url = herald.url;
    const bareOpts = { url: `${bare.url}/cgi-bin/message/custom/send`, connections: SEND_CONNECTIONS, method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ touser: followers[0].openid, msgtype: 'text', text: { content: 'bench send 0' } }) };
    // Warm both up.
    await autocannon({ ...bareOpts, duration: 2 });
    await autocannon({ url, connections: SEND_CONNECTIONS, duration: 2, amount: SEND_WARMUP, requests: [spec(false)] });
    const b = await autocannon({ ...bareOpts, duration: DURATION });
    const started = Date.now();
    const h = await autocannon({ url, connections: SEND_CONNECTIONS, duration: DURATION, maxOverallRequests: capacity - next, requests: [spec(true)] });
    const elapsed = (Date.now() - started) / 1000;
    const ok = h['2xx'] - errors.errcode;
    const rps = ok / Math.min(elapsed, DURATION + 1);
    const bareRps = b.requests.total / b.duration;
    const failed = errors.non2xx + errors.errcode + h.errors + h.timeouts;
    const exhausted = h.requests.total >= capacity - SEND_WARMUP - 64 ? ' — every window used before the end: the figure is a lower bound' : '';
    const note = (failed ? ` — WITH ERRORS: ${h.non2xx} non-2xx, ${errors.errcode} errcode≠0, ${h.errors + h.timeouts} socket errors/timeouts` : '') + exhausted;
    console.log(`  ${h.requests.total.toLocaleString('en-US')} sends over ${elapsed.toFixed(1)} s to ${SEND_FOLLOWERS.toLocaleString('en-US')} followers (${windows} windows each)${note}`);
    for (const s of errors.samples) console.log(`    sample error: ${s}`);
    const target = label === 'postgres' ? 3000 : 1500;
    report({ name: `custom/send throughput (errcode 0) [${label}]${failed ? ' (with errors)' : ''}`, value: rps, unit: 'sends/s', baseline: { name: 'bare route', value: bareRps }, target: { text: `≥ ${target.toLocaleString('en-US')} sends/s`, met: rps >= target && failed === 0 } });
    report({ name: `custom/send p99 [${label}]`, value: h.latency.p99, unit: 'ms', baseline: { name: 'bare route p99', value: Math.max(b.latency.p99, 1) }, target: { text: '< 50 ms', met: h.latency.p99 < 50 } });
    report({ name: `custom/send p50 [${label}]`, value: h.latency.p50, unit: 'ms' });
  } finally {
    await herald.stop();
    await bare.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. fanin

const FANIN_FOLLOWERS = Number(process.env.BENCH_FANIN_FOLLOWERS ?? 500);
const FANIN_CONCURRENCY = 64;
/** Intake: this many batch requests in flight, each of FANIN_BATCH messages. */
const FANIN_SENDERS = 8;
const FANIN_BATCH = 32;
const DRAIN_TIMEOUT_MS = Math.max(30_000, DURATION * 6_000);

/** A developer server in this process: checks msg_signature, decrypts every push, answers 'success'. */
async function startVerifyingServer(token: string, aesKey: string, appid: string) {
  const stats = { verified: 0, events: 0, rejected: 0, ids: new Set<string>(), lastAt: 0, samples: [] as string[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const q = Object.fromEntries(u.searchParams);
      if (req.method === 'GET') {
        const ok = q.signature === signature(token, q.timestamp ?? '', q.nonce ?? '');
        res.writeHead(ok ? 200 : 401).end(ok ? (q.echostr ?? '') : 'bad signature');
        return;
      }
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        const enc = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body)?.[1];
        if (!enc) throw new Error('no Encrypt field');
        if (q.msg_signature !== msgSignature(token, q.timestamp ?? '', q.nonce ?? '', enc)) throw new Error('bad msg_signature');
        const { message } = decrypt(aesKey, appid, enc);
        const id = /<MsgId>(?:<!\[CDATA\[)?(\d+)/.exec(message)?.[1];
        if (id) {
          stats.verified++;
          stats.ids.add(id);
          stats.lastAt = Date.now();
        } else if (/<MsgType><!\[CDATA\[event\]\]><\/MsgType>/.test(message)) stats.events++; // follow events from the setup
        else throw new Error('neither a message with MsgId nor an event');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
      } catch (err) {
        stats.rejected++;
        if (stats.samples.length < 3) stats.samples.push((err as Error).message);
        res.writeHead(400).end('rejected');
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/wechat`,
    port,
    stats,
    reset() {
      stats.verified = 0;
      stats.rejected = 0;
      stats.ids.clear();
      stats.samples.length = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function aesKey43(): string {
  return createHash('sha256').update(`bench-${Date.now()}`).digest('base64').replace(/[+/=]/g, 'A').slice(0, 43);
}

/** The receiver's raw capacity: signed, encrypted pushes posted straight from this process. */
async function directPushes(port: number, token: string, key: string, appid: string, concurrency: number, seconds: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const payloads = Array.from({ length: 256 }, (_, i) => {
    const msg = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[obench${i}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello ${i}]]></Content><MsgId>${9_000_000 + i}</MsgId></xml>`;
    const enc = encrypt(key, appid, msg);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = newNonce();
    const path = `/wechat?signature=${signature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&openid=obench${i}&encrypt_type=aes&msg_signature=${msgSignature(token, timestamp, nonce, enc)}`;
    return { path, body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>` };
  });
  const until = Date.now() + seconds * 1000;
  let ok = 0;
  let n = 0;
  const one = (p: { path: string; body: string }) =>
    new Promise<boolean>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: p.path, agent, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(p.body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve(res.statusCode === 200 && text === 'success'));
      });
      req.on('error', () => resolve(false));
      req.end(p.body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) if (await one(payloads[n++ % payloads.length])) ok++;
    }),
  );
  agent.destroy();
  return ok / ((Date.now() - started) / 1000);
}

export async function benchFanIn(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nFan-in: follower messages pushed in safe mode to a verifying developer server, ${FANIN_SENDERS} × ${FANIN_BATCH}-message batches in flight, ${DURATION} s [${label}]`);
  const herald = await startHeraldProcess({ databaseUrl });
  const token = 'benchtoken';
  const key = aesKey43();
  let dev: Awaited<ReturnType<typeof startVerifyingServer>> | undefined;
  try {
    const acc = await createAccount(herald.url);
    dev = await startVerifyingServer(token, key, acc.appid);
    const conf = await json<{ enabled?: boolean }>(`${herald.url}/sim/v1/accounts/${acc.appid}/server`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify({ url: dev.url, token, encoding_aes_key: key, mode: 'safe' }),
    });
    if (!conf.enabled) throw new Error(`server not configured: ${JSON.stringify(conf)}`);
    const followers = await createFollowers(herald.url, acc.appid, FANIN_FOLLOWERS, 0);
    // The follows push subscribe events: let them drain so they do not overlap the measurements.
    const eventsUntil = Date.now() + DRAIN_TIMEOUT_MS;
    while (dev.stats.events < FANIN_FOLLOWERS && Date.now() < eventsUntil) await sleep(200);
    if (dev.stats.events < FANIN_FOLLOWERS) console.log(`  (only ${dev.stats.events} of ${FANIN_FOLLOWERS} subscribe events arrived)`);

    // Baseline: the same receiver, pushed to directly.
    await directPushes(dev.port, token, key, acc.appid, FANIN_CONCURRENCY, 1);
    dev.reset();
    const baseline = await directPushes(dev.port, token, key, acc.appid, FANIN_CONCURRENCY, DURATION);
    if (dev.stats.rejected) console.log(`  (baseline: ${dev.stats.rejected} pushes rejected: ${dev.stats.samples.join('; ')})`);
    dev.reset();

    // Load: followers send for DURATION seconds without waiting for the delivery.
    const accepted = new Set<string>();
    let refused = 0;
    const refusedSamples: string[] = [];
    let k = 0;
    const started = Date.now();
    const until = started + DURATION * 1000;
    // Messages go in batches (POST /sim/v1/messages/batch) so the load generator, which shares
    // the machine with Herald and the receiver, is not what limits the intake.
    await Promise.all(
      Array.from({ length: FANIN_SENDERS }, async () => {
        while (Date.now() < until) {
          const messages = Array.from({ length: FANIN_BATCH }, () => {
            const i = k++;
            return { user: followers[i % followers.length].id, account: acc.appid, msgtype: 'text', content: `fan-in ${i}` };
          });
          const r = await fetch(`${herald.url}/sim/v1/messages/batch`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ messages }) });
          const text = await r.text();
          const results: Array<{ msg_id?: unknown }> = r.ok ? (JSON.parse(text) as { results: Array<{ msg_id?: unknown }> }).results : messages.map(() => ({}));
          for (const x of results) {
            if (x.msg_id !== undefined && x.msg_id !== null) accepted.add(String(x.msg_id));
            else {
              refused++;
              if (refusedSamples.length < 3) refusedSamples.push(`${r.status} ${JSON.stringify(x).slice(0, 160) || text.slice(0, 160)}`);
            }
          }
        }
      }),
    );
    const intakeEnd = Date.now();
    const sendSecs = (intakeEnd - started) / 1000;
    console.log(`  ${accepted.size.toLocaleString('en-US')} messages accepted in ${sendSecs.toFixed(1)} s (${Math.round(accepted.size / sendSecs).toLocaleString('en-US')}/s)${refused ? `, ${refused} REFUSED` : ''}; draining…`);
    for (const s of refusedSamples) console.log(`    sample refusal: ${s}`);
    const drainUntil = Date.now() + DRAIN_TIMEOUT_MS;
    const delivered = () => {
      let n = 0;
      for (const id of accepted) if (dev!.stats.ids.has(id)) n++;
      return n;
    };
    const backlog = accepted.size - delivered();
    while (Date.now() < drainUntil) {
      if (dev.stats.ids.size >= accepted.size && delivered() === accepted.size) break;
      await sleep(200);
    }
    const got = delivered();
    const missing = accepted.size - got;
    const secs = ((dev.stats.lastAt || Date.now()) - started) / 1000;
    const rate = got / secs;
    const problems = [
      missing ? `${missing} accepted messages NOT delivered within ${DRAIN_TIMEOUT_MS / 1000} s` : '',
      dev.stats.rejected ? `${dev.stats.rejected} pushes failed verification (${dev.stats.samples.join('; ')})` : '',
      refused ? `${refused} sends refused` : '',
    ].filter(Boolean);
    console.log(`  ${got.toLocaleString('en-US')} delivered and verified (${dev.stats.verified.toLocaleString('en-US')} pushes incl. retries) by ${secs.toFixed(1)} s after the start${problems.length ? ` — WITH ERRORS: ${problems.join('; ')}` : ''}`);
    report({ name: `follower messages accepted by /sim/v1/messages/batch [${label}]`, value: accepted.size / sendSecs, unit: 'msg/s' });
    // The worker's own pace: the backlog left queued when intake stopped, drained with no new load.
    if (backlog >= 100 && dev.stats.lastAt > intakeEnd) {
      report({ name: `queued backlog drain (${backlog.toLocaleString('en-US')} pushes) [${label}]`, value: backlog / ((dev.stats.lastAt - intakeEnd) / 1000), unit: 'pushes/s', baseline: { name: 'same receiver, direct client', value: baseline } });
    }
    report({
      name: `safe-mode pushes delivered and verified [${label}]${problems.length ? ' (with errors)' : ''}`,
      value: rate,
      unit: 'pushes/s',
      baseline: { name: `same receiver, direct client (${FANIN_CONCURRENCY} connections)`, value: baseline },
      target: { text: '≥ 2,000 pushes/s', met: rate >= 2000 && problems.length === 0 },
    });
  } finally {
    await herald.stop();
    await dev?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. phone

const PHONES = Number(process.env.BENCH_PHONES ?? 1000);
const PHONE_RATE = 50; // sends per second

export async function benchPhoneLatency(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nPhone delivery: ${PHONES.toLocaleString('en-US')} WebSocket phones, custom/send → frame, ${PHONE_RATE} sends/s for ${DURATION} s [${label}]`);
  const herald = await startHeraldProcess({ databaseUrl });
  const sockets: WebSocket[] = [];
  try {
    const acc = await createAccount(herald.url);
    const followers = await createFollowers(herald.url, acc.appid, PHONES, 1);
    const tokens: string[] = new Array(PHONES);
    await pool(PHONES, 32, 'issuing phone tokens', async (i) => {
      const r = await post<{ token?: string }>(`${herald.url}/sim/v1/users/${followers[i].id}/phone-token`, {});
      if (!r.token) throw new Error(`no phone token: ${JSON.stringify(r)}`);
      tokens[i] = r.token;
    });
    const arrivals = new Map<number, number>();
    const wsUrl = herald.url.replace(/^http/, 'ws');
    await pool(PHONES, 50, 'connecting phones', async (i) => {
      await new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${wsUrl}/phone/ws?token=${encodeURIComponent(tokens[i])}`);
        sockets.push(ws);
        const timer = setTimeout(() => reject(new Error(`phone ${i} not ready within 30 s`)), 30_000);
        ws.on('message', (data) => {
          const now = performance.now();
          const frame = JSON.parse(data.toString()) as { type: string; message?: { content?: { content?: string } } };
          if (frame.type === 'ready') {
            clearTimeout(timer);
            resolve();
          } else if (frame.type === 'message') {
            const m = /^bench seq (\d+)$/.exec(frame.message?.content?.content ?? '');
            if (m) arrivals.set(Number(m[1]), now);
          }
        });
        ws.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
    });

    const total = Math.min(PHONES * 5, Math.max(1, Math.round(PHONE_RATE * DURATION)));
    const answered = new Map<number, number>();
    const startedAt = new Map<number, number>();
    const httpMs: number[] = [];
    const failures: string[] = [];
    let failed = 0;
    const inflight: Promise<void>[] = [];
    const sendUrl = `${herald.url}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(acc.token)}`;
    const t0 = performance.now();
    for (let seq = 0; seq < total; seq++) {
      const due = t0 + (seq * 1000) / PHONE_RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const f = followers[seq % followers.length];
      inflight.push(
        (async () => {
          const start = performance.now();
          startedAt.set(seq, start);
          const r = await fetch(sendUrl, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ touser: f.openid, msgtype: 'text', text: { content: `bench seq ${seq}` } }) });
          const text = await r.text();
          const end = performance.now();
          if (r.ok && /"errcode":0[,}]/.test(text)) {
            answered.set(seq, end);
            httpMs.push(end - start);
          } else {
            failed++;
            if (failures.length < 3) failures.push(`${r.status} ${text.slice(0, 160)}`);
          }
        })(),
      );
    }
    await Promise.all(inflight);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [...answered.keys()].some((s) => !arrivals.has(s))) await sleep(50);
    const latencies: number[] = [];
    const fromStart: number[] = [];
    let lost = 0;
    let early = 0;
    for (const [seq, at] of answered) {
      const got = arrivals.get(seq);
      if (got === undefined) lost++;
      else {
        if (got < at) early++;
        latencies.push(Math.max(0, got - at)); // a frame may arrive before the HTTP answer: 0
        fromStart.push(got - startedAt.get(seq)!);
      }
    }
    latencies.sort((a, b) => a - b);
    fromStart.sort((a, b) => a - b);
    httpMs.sort((a, b) => a - b);
    const problems = [failed ? `${failed} sends refused (${failures.join('; ')})` : '', lost ? `${lost} frames never arrived within 10 s` : ''].filter(Boolean);
    console.log(`  ${answered.size} sends accepted, ${latencies.length} frames matched, ${early} of them before the HTTP answer (counted as 0 ms)${problems.length ? ` — WITH ERRORS: ${problems.join('; ')}` : ''}`);
    const p99 = percentile(latencies, 99);
    report({ name: `send accepted → phone frame p50 [${label}]`, value: percentile(latencies, 50), unit: 'ms', baseline: { name: 'custom/send HTTP latency p50', value: Math.max(percentile(httpMs, 50), 0.01) } });
    report({
      name: `send accepted → phone frame p99 [${label}]${problems.length ? ' (with errors)' : ''}`,
      value: p99,
      unit: 'ms',
      baseline: { name: 'custom/send HTTP latency p99', value: Math.max(percentile(httpMs, 99), 0.01) },
      target: { text: '< 200 ms', met: p99 < 200 && problems.length === 0 },
    });
    report({ name: `send request start → phone frame p50 [${label}]`, value: percentile(fromStart, 50), unit: 'ms' });
    report({ name: `send request start → phone frame p99 [${label}]`, value: percentile(fromStart, 99), unit: 'ms', baseline: { name: 'custom/send HTTP latency p99', value: Math.max(percentile(httpMs, 99), 0.01) } });
  } finally {
    for (const ws of sockets) ws.terminate();
    await herald.stop();
  }
}
