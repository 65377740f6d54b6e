/**
 * Template messages (BENCH_ONLY=template), one Herald per database, everything on 127.0.0.1:
 * - `message/template/send` by 64 concurrent callers beside `message/custom/send` measured in the
 *   same run on the same followers (both write one message per call: target ≥ 0.9× of it);
 * - the time until the last TEMPLATESENDJOBFINISH of those sends reached a developer server, and
 *   the rate it arrived at, beside the callback fan-in of the same run (follower messages pushed
 *   to the same server after the sends).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon, { type RequestSpec } from 'autocannon';
import { json, report, sleep, startHeraldProcess } from './lib.js';
import { createAccount, createFollowers, post } from './messaging.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 64;
const FOLLOWERS = Number(process.env.BENCH_TEMPLATE_FOLLOWERS ?? 2000);
const JSON_HEADERS = { 'content-type': 'application/json' };
const DRAIN_TIMEOUT_MS = Math.max(60_000, DURATION * 10_000);
/** WeChat's daily limit of template sends per account (the run stops short of it). */
const DAILY_LIMIT = 100_000;

/** A plaintext developer server: counts TEMPLATESENDJOBFINISH MsgIDs and follower messages' MsgIds. */
async function startReceiver() {
  const stats = { finish: new Set<string>(), finishLastAt: 0, messages: new Set<string>(), messagesLastAt: 0, statuses: new Map<string, number>() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET') return void res.writeHead(200).end(u.searchParams.get('echostr') ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      if (body.includes('TEMPLATESENDJOBFINISH')) {
        const id = /<MsgID>(\d+)<\/MsgID>/.exec(body)?.[1];
        const status = /<Status><!\[CDATA\[([^\]]*)\]\]><\/Status>/.exec(body)?.[1] ?? '?';
        if (id) stats.finish.add(id);
        stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
        stats.finishLastAt = Date.now();
      } else {
        const id = /<MsgId>(\d+)<\/MsgId>/.exec(body)?.[1];
        if (id) {
          stats.messages.add(id);
          stats.messagesLastAt = Date.now();
        }
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`,
    stats,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One load phase of `CONNECTIONS` callers for DURATION seconds; `body(i)` is the i-th call's JSON. */
async function phase(url: string, path: string, body: (i: number) => unknown, cap: number, onOk?: (text: string) => void) {
  let next = 0;
  const errors = { errcode: 0, samples: [] as string[] };
  const spec: RequestSpec = {
    method: 'POST',
    path,
    headers: JSON_HEADERS,
    setupRequest: (req: RequestSpec): RequestSpec => ({ ...req, body: JSON.stringify(body(next++)) }),
    onResponse: (status: number, text: string) => {
      if (status === 200 && /"errcode":0[,}]/.test(text)) onOk?.(text);
      else {
        errors.errcode++;
        if (errors.samples.length < 3) errors.samples.push(`${status} ${text.slice(0, 160)}`);
      }
    },
  };
  const started = Date.now();
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, maxOverallRequests: cap, requests: [spec] });
  const secs = Math.min((Date.now() - started) / 1000, DURATION + 1);
  return { ok: r['2xx'] - errors.errcode, total: r.requests.total, secs, p99: r.latency.p99, p50: r.latency.p50, failed: errors.errcode + r.non2xx + r.errors + r.timeouts, samples: errors.samples, started };
}

export async function benchTemplateSend(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nTemplate messages: message/template/send beside message/custom/send, ${CONNECTIONS} connections, ${DURATION} s each, ${FOLLOWERS.toLocaleString('en-US')} followers [${label}]`);
  const herald = await startHeraldProcess({ databaseUrl });
  const dev = await startReceiver();
  try {
    const acc = await createAccount(herald.url);
    const call = (api: string, body: unknown) => post<Record<string, unknown>>(`${herald.url}/cgi-bin/${api}?access_token=${encodeURIComponent(acc.token)}`, body);
    const industry = await call('template/api_set_industry', { industry_id1: '1', industry_id2: '2' });
    if (industry.errcode !== 0) throw new Error(`industry not set: ${JSON.stringify(industry)}`);
    const added = await call('template/api_add_template', { template_id_short: 'TM00015' });
    if (typeof added.template_id !== 'string') throw new Error(`template not added: ${JSON.stringify(added)}`);
    // Custom sends need open service windows: each inbound message opens one of 5 sends.
    const windows = Math.min(10, Math.max(1, Math.ceil((4000 * DURATION + 1000) / (FOLLOWERS * 5))));
    const followers = await createFollowers(herald.url, acc.appid, FOLLOWERS, windows);
    const touser = (i: number) => followers[i % followers.length].openid;
    const path = (api: string) => `/cgi-bin/message/${api}?access_token=${encodeURIComponent(acc.token)}`;
    const customBody = (i: number) => ({ touser: touser(i), msgtype: 'text', text: { content: `bench custom ${i}` } });
    const templateBody = (i: number) => ({ touser: touser(i), template_id: added.template_id, url: 'https://example.com/order', data: { orderMoneySum: { value: `${i}元` }, orderProductName: { value: 'bench' } } });

    // Warm-up of both, then the measured phases: custom first, then template with the developer
    // server configured (the template sends' finish events are pushed to it).
    await autocannon({ url: herald.url, connections: CONNECTIONS, amount: 1000, requests: [{ method: 'POST', path: path('custom/send'), headers: JSON_HEADERS, body: JSON.stringify(customBody(0)) }] });
    const custom = await phase(herald.url, path('custom/send'), customBody, FOLLOWERS * windows * 5 - 2000);
    const conf = await json<{ enabled?: boolean }>(`${herald.url}/sim/v1/accounts/${acc.appid}/server`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ url: dev.url, token: 'benchtoken', mode: 'plaintext' }) });
    if (!conf.enabled) throw new Error(`server not configured: ${JSON.stringify(conf)}`);
    const msgids = new Set<string>();
    const template = await phase(herald.url, path('template/send'), templateBody, DAILY_LIMIT - 1000, (text) => {
      const id = /"msgid":(\d+)/.exec(text)?.[1];
      if (id) msgids.add(id);
    });
    const sendEnd = Date.now();
    const delivered = () => [...msgids].filter((id) => dev.stats.finish.has(id)).length;
    const until = Date.now() + DRAIN_TIMEOUT_MS;
    while (delivered() < msgids.size && Date.now() < until) await sleep(200);
    const finished = delivered();
    const toLast = (dev.stats.finishLastAt - template.started) / 1000;
    const afterLast = Math.max(0, dev.stats.finishLastAt - sendEnd) / 1000;
    console.log(`  custom/send: ${custom.ok.toLocaleString('en-US')} ok in ${custom.secs.toFixed(1)} s${custom.failed ? `, ${custom.failed} FAILED (${custom.samples.join('; ')})` : ''}`);
    console.log(`  template/send: ${template.ok.toLocaleString('en-US')} ok in ${template.secs.toFixed(1)} s${template.failed ? `, ${template.failed} FAILED (${template.samples.join('; ')})` : ''}`);
    console.log(`  TEMPLATESENDJOBFINISH: ${finished.toLocaleString('en-US')} of ${msgids.size.toLocaleString('en-US')} at the developer server, the last ${toLast.toFixed(1)} s after the first send (${afterLast.toFixed(1)} s after the last); statuses ${JSON.stringify(Object.fromEntries(dev.stats.statuses))}`);

    // The callback fan-in of the same run: follower messages pushed to the same server.
    const accepted = new Set<string>();
    const fanStart = Date.now();
    const fanUntil = fanStart + DURATION * 1000;
    let k = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < fanUntil) {
          const messages = Array.from({ length: 32 }, () => {
            const i = k++;
            return { user: followers[i % followers.length].id, account: acc.appid, msgtype: 'text', content: `fan-in ${i}` };
          });
          const r = await post<{ results?: Array<{ msg_id?: unknown }> }>(`${herald.url}/sim/v1/messages/batch`, { messages });
          for (const x of r.results ?? []) if (x.msg_id !== undefined && x.msg_id !== null) accepted.add(String(x.msg_id));
        }
      }),
    );
    const fanDrain = Date.now() + DRAIN_TIMEOUT_MS;
    while ([...accepted].some((id) => !dev.stats.messages.has(id)) && Date.now() < fanDrain) await sleep(200);
    const fanGot = [...accepted].filter((id) => dev.stats.messages.has(id)).length;
    const fanRate = fanGot / ((dev.stats.messagesLastAt - fanStart) / 1000);
    const finishRate = finished / toLast;
    console.log(`  fan-in: ${fanGot.toLocaleString('en-US')} of ${accepted.size.toLocaleString('en-US')} follower messages delivered by ${((dev.stats.messagesLastAt - fanStart) / 1000).toFixed(1)} s`);

    const customRps = custom.ok / custom.secs;
    const templateRps = template.ok / template.secs;
    const failed = custom.failed + template.failed + (msgids.size - finished);
    report({
      name: `template/send throughput (errcode 0) [${label}]${failed ? ' (with errors)' : ''}`,
      value: templateRps,
      unit: 'sends/s',
      baseline: { name: 'custom/send, same run', value: customRps },
      target: { text: '≥ 0.9× custom/send', met: templateRps >= 0.9 * customRps && failed === 0 },
    });
    report({ name: `template/send p99 [${label}]`, value: template.p99, unit: 'ms', baseline: { name: 'custom/send p99, same run', value: Math.max(custom.p99, 1) } });
    report({ name: `TEMPLATESENDJOBFINISH: first send → last event at the developer server (${finished.toLocaleString('en-US')} events) [${label}]`, value: toLast * 1000, unit: 'ms' });
    report({ name: `TEMPLATESENDJOBFINISH delivered [${label}]`, value: finishRate, unit: 'events/s', baseline: { name: 'callback fan-in, same run and server', value: fanRate } });
  } finally {
    await herald.stop();
    await dev.close();
  }
}
