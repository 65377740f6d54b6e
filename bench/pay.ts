/**
 * WeChat Pay (docs/PAY.md), BENCH_ONLY=pay:
 * - JSAPI orders: `POST /v3/pay/transactions/jsapi` on 64 connections, each request signed as an
 *   SDK signs it (WECHATPAY2-SHA256-RSA2048 with the merchant key) and each answer's
 *   Wechatpay-Signature verified with the WeChat Pay public key. Beside it, in the same run: the
 *   bare route (a Fastify route parsing the same JSON body, no work) and the cryptographic
 *   ceiling: what one core does of Herald's own per-order cryptography (verify the request,
 *   sign the answer: one RSA-2048 verify and one sign) in a loop. The requests are signed before
 *   the timed phase so the load generator, which shares the cores, spends them on the answers.
 * - Notification latency: a follower pays an order (`/sim/v1/pay/payments`) → TRANSACTION.SUCCESS
 *   received at a local merchant server, its signature verified and its resource decrypted
 *   (AEAD_AES_256_GCM with the APIv3 key); beside it, the callback pipeline's push latency in the
 *   same Herald: a follower's message → the push received and its signature checked at a
 *   developer server. Both from the start of the request that causes them.
 */
import http from 'node:http';
import { createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { freePort, json, load, report, sleep, startHeraldProcess, startProcess } from './lib.js';

const CONNECTIONS = 64;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const PAYERS = 64;
const LATENCY_SAMPLES = Number(process.env.BENCH_PAY_LATENCY_SAMPLES ?? 300);
const LATENCY_CONCURRENCY = 8;
const JSON_HEADERS = { 'content-type': 'application/json' };
const ORDER_PATH = '/v3/pay/transactions/jsapi';

const post = <T>(url: string, body: unknown, method = 'POST') => json<T>(url, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });

interface Merchant {
  appid: string;
  mchid: string;
  serial: string;
  privateKey: KeyObject;
  apiV3Key: string;
  platformKey: KeyObject;
  payers: Array<{ id: string; openid: string }>;
}

async function setup(base: string): Promise<Merchant> {
  const acc = await post<{ appid: string }>(`${base}/sim/v1/accounts`, { type: 'service', verified: true, name: 'Bench Pay' });
  if (!acc.appid) throw new Error(`account not created: ${JSON.stringify(acc)}`);
  const m = await post<{ mchid: string; merchant_serial: string; merchant_private_key: string; api_v3_key: string; platform_public_key: string }>(`${base}/sim/v1/pay/merchants`, { appid: acc.appid });
  if (!m.mchid) throw new Error(`merchant not created: ${JSON.stringify(m)}`);
  const payers: Merchant['payers'] = [];
  for (let i = 0; i < PAYERS; i++) {
    const user = await post<{ id: string }>(`${base}/sim/v1/users`, { nickname: `Payer ${i}` });
    const f = await post<{ openid: string }>(`${base}/sim/v1/users/${user.id}/follow`, { account: acc.appid });
    if (!f.openid) throw new Error(`follow failed: ${JSON.stringify(f)}`);
    payers.push({ id: user.id, openid: f.openid });
  }
  return {
    appid: acc.appid,
    mchid: m.mchid,
    serial: m.merchant_serial,
    privateKey: createPrivateKey(m.merchant_private_key),
    apiV3Key: m.api_v3_key,
    platformKey: createPublicKey(m.platform_public_key),
    payers,
  };
}

interface Signed {
  body: string;
  authorization: string;
  outTradeNo: string;
}

let orderSeq = 0;
/** A JSAPI order body and its Authorization header, as an SDK makes them. */
function signedOrder(m: Merchant, payer: number, notifyUrl: string): Signed {
  const outTradeNo = `B${Date.now().toString(36)}${(orderSeq++).toString(36)}${randomBytes(3).toString('hex')}`;
  const body = JSON.stringify({
    appid: m.appid,
    mchid: m.mchid,
    description: 'Bench 咖啡',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total: 1, currency: 'CNY' },
    payer: { openid: m.payers[payer % m.payers.length].openid },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = sign('sha256', Buffer.from(`POST\n${ORDER_PATH}\n${timestamp}\n${nonce}\n${body}\n`), m.privateKey).toString('base64');
  return { body, outTradeNo, authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${m.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${m.serial}"` };
}

/** Whether an answer's Wechatpay-Signature verifies with the WeChat Pay public key. */
function answerVerifies(headers: http.IncomingHttpHeaders, body: string, key: KeyObject): boolean {
  const ts = headers['wechatpay-timestamp'];
  const nonce = headers['wechatpay-nonce'];
  const sig = headers['wechatpay-signature'];
  if (typeof ts !== 'string' || typeof nonce !== 'string' || typeof sig !== 'string') return false;
  return verify('sha256', Buffer.from(`${ts}\n${nonce}\n${body}\n`), key, Buffer.from(sig, 'base64'));
}

/**
 * The ceiling: Herald's own cryptography per order (verify the merchant's request signature,
 * sign the answer), in a loop on one core, as the server's one event loop would run it.
 */
function cryptoCeiling(seconds: number): number {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const request = Buffer.from(`POST\n${ORDER_PATH}\n1700000000\n${'n'.repeat(32)}\n${'{"appid":"wx…"}'.repeat(16)}\n`);
  const requestSig = sign('sha256', request, merchant.privateKey);
  const answer = Buffer.from(`1700000000\n${'n'.repeat(32)}\n{"prepay_id":"wx201410272009395522657a690389285100"}\n`);
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < until) {
    if (!verify('sha256', request, merchant.publicKey, requestSig)) throw new Error('ceiling: verify failed');
    sign('sha256', answer, platform.privateKey);
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Sends pre-signed orders on CONNECTIONS keep-alive sockets until `seconds` pass or the orders run out. */
async function driveOrders(base: string, m: Merchant, orders: Signed[], seconds: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let unverified = 0;
  const samples: string[] = [];
  const one = (o: Signed) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        { host: url.hostname, port: url.port, method: 'POST', path: ORDER_PATH, agent, headers: { 'content-type': 'application/json', accept: 'application/json', authorization: o.authorization, 'content-length': Buffer.byteLength(o.body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200 || !text.includes('"prepay_id"')) {
              errors++;
              if (samples.length < 3) samples.push(`${res.statusCode} ${text.slice(0, 160)}`);
            } else if (!answerVerifies(res.headers, text, m.platformKey)) unverified++;
            else latencies.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        errors++;
        if (samples.length < 3) samples.push(err.message);
        resolve();
      });
      req.end(o.body);
    });
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until && next < orders.length) await one(orders[next++]);
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  return { orders: latencies.length, perSec: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors, unverified, samples, ranOut: next >= orders.length && elapsed < seconds - 0.5 };
}

/**
 * The local merchant and developer server: `/pay` takes WeChat Pay notifications (signature
 * verified with the WeChat Pay public key, resource decrypted with the APIv3 key, answered 204);
 * `/wechat` takes the account's pushes (signature checked, answered `success`).
 */
async function startReceiver(m: Merchant, token: string) {
  const paid = new Map<string, number>();
  const pushed = new Map<string, number>();
  const problems: string[] = [];
  let bad = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const q = Object.fromEntries(u.searchParams);
      const body = Buffer.concat(chunks).toString('utf8');
      const refuse = (why: string) => {
        bad++;
        if (problems.length < 3) problems.push(why);
        res.writeHead(400).end();
      };
      if (u.pathname === '/pay') {
        if (!answerVerifies(req.headers, body, m.platformKey)) return refuse('notification signature does not verify');
        try {
          const r = (JSON.parse(body) as { resource: { ciphertext: string; nonce: string; associated_data: string } }).resource;
          const data = Buffer.from(r.ciphertext, 'base64');
          const d = createDecipheriv('aes-256-gcm', Buffer.from(m.apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
          d.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
          d.setAuthTag(data.subarray(data.length - 16));
          const plain = JSON.parse(Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8')) as { out_trade_no: string; trade_state: string };
          if (plain.trade_state !== 'SUCCESS') return refuse(`trade_state ${plain.trade_state}`);
          if (!paid.has(plain.out_trade_no)) paid.set(plain.out_trade_no, at);
          return res.writeHead(204).end();
        } catch (err) {
          return refuse(`notification: ${(err as Error).message}`);
        }
      }
      const expected = createHash('sha1').update([token, q.timestamp ?? '', q.nonce ?? ''].sort().join('')).digest('hex');
      if (q.signature !== expected) return refuse('push signature does not match');
      if (req.method === 'GET') return res.writeHead(200).end(q.echostr ?? '');
      const mark = /<Content><!\[CDATA\[(lat-\d+)\]\]><\/Content>/.exec(body)?.[1];
      if (mark && !pushed.has(mark)) pushed.set(mark, at);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    paid,
    pushed,
    get bad() {
      return bad;
    },
    problems,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs `n` measured operations, LATENCY_CONCURRENCY at once, each waited for; latencies from each start to its arrival. */
async function latencies(n: number, arrived: Map<string, number>, start: (i: number) => Promise<string>): Promise<{ p50: number; p99: number; missing: number }> {
  const started = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: LATENCY_CONCURRENCY }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        const t0 = performance.now();
        const key = await start(i);
        started.set(key, t0);
        // Paced: one operation per slot in flight until it has arrived, as a payer or reader would.
        const until = Date.now() + 10_000;
        while (!arrived.has(key) && Date.now() < until) await sleep(2);
      }
    }),
  );
  const xs = [...started].filter(([k]) => arrived.has(k)).map(([k, t0]) => arrived.get(k)! - t0).sort((a, b) => a - b);
  const pct = (p: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))] ?? NaN;
  return { p50: pct(50), p99: pct(99), missing: started.size - xs.length };
}

export async function benchPay(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nWeChat Pay: JSAPI orders (signed → verified) on ${CONNECTIONS} connections, ${DURATION} s; payment → notification latency [${label}]`);
  const barePort = await freePort();
  const bare = await startProcess(['--import', 'tsx', 'bench/bareServer.ts'], { PORT: String(barePort) }, 'bare server ready', barePort);
  const herald = await startHeraldProcess({ databaseUrl });
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  try {
    const m = await setup(herald.url);
    const token = 'benchpay';
    receiver = await startReceiver(m, token);
    const notifyUrl = `${receiver.url}/pay`;

    // 1. The ceiling and the bare route, then Herald's orders.
    cryptoCeiling(1);
    const ceiling = cryptoCeiling(3);
    const sample = signedOrder(m, 0, notifyUrl);
    await load(`${bare.url}${ORDER_PATH}`, { connections: CONNECTIONS, durationSec: 2, method: 'POST', body: sample.body, headers: { 'content-type': 'application/json', authorization: sample.authorization } });
    const b = await load(`${bare.url}${ORDER_PATH}`, { connections: CONNECTIONS, durationSec: DURATION, method: 'POST', body: sample.body, headers: { 'content-type': 'application/json', authorization: sample.authorization } });
    // Enough signed orders for the ceiling's rate over the phase (the run stops early, and says so, if they run out).
    const count = Math.min(Math.ceil(ceiling * 1.1 * DURATION) + 500, 60_000);
    const warm = Array.from({ length: 500 }, (_, i) => signedOrder(m, i, notifyUrl));
    await driveOrders(herald.url, m, warm, 2);
    process.stdout.write(`  signing ${count.toLocaleString('en-US')} orders…`);
    const orders = Array.from({ length: count }, (_, i) => signedOrder(m, i, notifyUrl));
    process.stdout.write(' done\n');
    const h = await driveOrders(herald.url, m, orders, DURATION);
    if (h.errors || h.unverified) console.log(`  (${h.errors} failed orders, ${h.unverified} answers that did not verify; ${h.samples.join('; ')})`);
    if (h.ranOut) console.log('  (the signed orders ran out before the end of the phase)');
    report({ name: `JSAPI orders, signed → verified [${label}]`, value: h.perSec, unit: 'orders/s', baseline: { name: 'bare route', value: b.rps } });
    report({
      name: `JSAPI orders vs crypto ceiling [${label}]`,
      value: h.perSec,
      unit: 'orders/s',
      baseline: { name: 'RSA-2048 verify + sign ceiling, one core', value: ceiling },
      target: { text: '≥ 0.5× the crypto ceiling', met: h.perSec >= 0.5 * ceiling && h.errors === 0 && h.unverified === 0 },
    });
    report({ name: `JSAPI order p99 [${label}]`, value: h.p99, unit: 'ms', baseline: { name: 'bare route p99', value: Math.max(b.p99, 1) } });
    report({ name: `JSAPI order p50 [${label}]`, value: h.p50, unit: 'ms' });

    // 2. Latency: the callback pipeline's push, then payment → notification, in the same Herald.
    const conf = await post<{ enabled?: boolean }>(`${herald.url}/sim/v1/accounts/${m.appid}/server`, { url: `${receiver.url}/wechat`, token, mode: 'plaintext' }, 'PUT');
    if (!conf.enabled) throw new Error(`server not configured: ${JSON.stringify(conf)}`);
    const push = await latencies(LATENCY_SAMPLES, receiver.pushed, async (i) => {
      const r = await post<{ msg_id?: unknown }>(`${herald.url}/sim/v1/users/${m.payers[i % m.payers.length].id}/messages`, { account: m.appid, msgtype: 'text', content: `lat-${i}`, wait: false });
      if (r.msg_id === undefined) throw new Error(`message failed: ${JSON.stringify(r)}`);
      return `lat-${i}`;
    });
    // Orders placed beforehand: the measured step is the payment and what it causes.
    const toPay: Array<{ outTradeNo: string; prepayId: string; payer: string }> = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const o = signedOrder(m, i, notifyUrl);
      const r = await fetch(`${herald.url}${ORDER_PATH}`, { method: 'POST', headers: { ...JSON_HEADERS, accept: 'application/json', authorization: o.authorization }, body: o.body });
      const placed = (await r.json()) as { prepay_id?: string };
      if (!placed.prepay_id) throw new Error(`order failed: ${JSON.stringify(placed)}`);
      toPay.push({ outTradeNo: o.outTradeNo, prepayId: placed.prepay_id, payer: m.payers[i % m.payers.length].id });
    }
    const notify = await latencies(LATENCY_SAMPLES, receiver.paid, async (i) => {
      const p = toPay[i];
      const r = await fetch(`${herald.url}/sim/v1/pay/payments`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ user_id: p.payer, prepay_id: p.prepayId }) });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`payment answered ${r.status}: ${text.slice(0, 160)}`);
      return p.outTradeNo;
    });
    const problems = [notify.missing ? `${notify.missing} notifications missing` : '', push.missing ? `${push.missing} pushes missing` : '', receiver.bad ? `${receiver.bad} refused (${receiver.problems.join('; ')})` : ''].filter(Boolean);
    if (problems.length) console.log(`  (${problems.join('; ')})`);
    report({ name: `payment → notification verified, p99 [${label}]`, value: notify.p99, unit: 'ms', baseline: { name: 'message → callback push p99', value: push.p99 } });
    report({ name: `payment → notification verified, p50 [${label}]`, value: notify.p50, unit: 'ms', baseline: { name: 'message → callback push p50', value: push.p50 } });
  } finally {
    await receiver?.close();
    await herald.stop();
    await bare.stop();
  }
}
