/**
 * Foundation benchmarks: an authenticated WeChat read against a bare Fastify route, measured in
 * the same run, and the idle memory of `herald start` on the embedded database.
 */
import { freePort, json, load, report, rssMb, sleep, startHeraldProcess, startProcess } from './lib.js';

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

async function accountAndToken(base: string): Promise<string> {
  const acc = await json<{ appid: string; secret: string }>(`${base}/sim/v1/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'service', verified: true, name: 'Bench' }),
  });
  const tok = await json<{ access_token: string }>(`${base}/cgi-bin/token?grant_type=client_credential&appid=${acc.appid}&secret=${acc.secret}`);
  if (!tok.access_token) throw new Error(`no token: ${JSON.stringify(tok)}`);
  return tok.access_token;
}

export async function benchAuthenticatedRead(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nAuthenticated read, GET /cgi-bin/getcallbackip, ${CONNECTIONS} connections, ${DURATION} s [${label}]`);
  const barePort = await freePort();
  const bare = await startProcess(['--import', 'tsx', 'bench/bareServer.ts'], { PORT: String(barePort) }, 'bare server ready', barePort);
  const herald = await startHeraldProcess({ databaseUrl });
  try {
    const token = await accountAndToken(herald.url);
    const url = `${herald.url}/cgi-bin/getcallbackip?access_token=${encodeURIComponent(token)}`;
    const check = await json<{ ip_list?: string[] }>(url);
    if (!check.ip_list) throw new Error(`getcallbackip failed: ${JSON.stringify(check)}`);
    // Warm both up, then measure each alone.
    await load(`${bare.url}/cgi-bin/getcallbackip`, { connections: CONNECTIONS, durationSec: 2 });
    await load(url, { connections: CONNECTIONS, durationSec: 2 });
    const b = await load(`${bare.url}/cgi-bin/getcallbackip`, { connections: CONNECTIONS, durationSec: DURATION });
    const h = await load(url, { connections: CONNECTIONS, durationSec: DURATION });
    if (h.errors || h.non2xx) console.log(`  (herald: ${h.errors} errors, ${h.non2xx} non-2xx)`);
    const ratio = h.rps / b.rps;
    report({ name: `herald getcallbackip throughput [${label}]`, value: h.rps, unit: 'req/s', baseline: { name: 'bare route', value: b.rps }, target: { text: '≥ 0.5× bare route', met: ratio >= 0.5 } });
    report({ name: `herald getcallbackip p99 [${label}]`, value: h.p99, unit: 'ms', baseline: { name: 'bare route p99', value: Math.max(b.p99, 1) } });
    report({ name: `herald getcallbackip p50 [${label}]`, value: h.p50, unit: 'ms' });
  } finally {
    await herald.stop();
    await bare.stop();
  }
}

export async function benchIdleMemory(): Promise<void> {
  console.log('\nIdle memory of `herald start` (embedded database, demo data)');
  const first = await startHeraldProcess({ env: { HERALD_DEMO: '1' } });
  try {
    await sleep(5000);
    const rss = rssMb(first.proc.pid!);
    report({ name: 'idle RSS, first start (creates the database and demo data)', value: rss, unit: 'MB', target: { text: '< 300 MB', met: rss < 300 } });
  } finally {
    await first.stop();
  }
  const again = await startHeraldProcess({ env: { HERALD_DEMO: '1' }, dataDir: first.dataDir });
  try {
    await sleep(5000);
    const rss = rssMb(again.proc.pid!);
    report({ name: 'idle RSS, later start', value: rss, unit: 'MB', target: { text: '< 300 MB', met: rss < 300 } });
  } finally {
    await again.stop();
  }
}
