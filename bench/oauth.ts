/**
 * The OAuth2 web authorization round (docs/WEB-APPS.md): 32 followers at once, each round four
 * requests, as a page and its server make them: the authorize page (a follower who came from
 * the account's menu: silent even for snsapi_userinfo) → the page's callback with the code (a
 * bare route) → sns/oauth2/access_token → sns/userinfo. Beside it, the bare route's requests/s
 * at the same concurrency, in the same run.
 */
import { freePort, json, load, report, startHeraldProcess, startProcess } from './lib.js';

const CONCURRENCY = 32;
/**
 * Followers per concurrent slot: WeChat refuses more than 60 authorizations a minute by one
 * follower (10009), so 1,024 followers allow some 1,000 rounds a second for a minute.
 */
const FOLLOWERS_PER_SLOT = 32;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

interface Follower {
  cookie: string;
}

async function setup(base: string, callbackHost: string): Promise<{ appid: string; secret: string; followers: Follower[] }> {
  const post = <T>(path: string, body: unknown, method = 'POST') =>
    json<T>(`${base}/sim/v1${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const acc = await post<{ appid: string; secret: string }>('/accounts', { type: 'service', verified: true, name: 'Bench OAuth' });
  await post('/accounts/' + acc.appid + '/web-domains/oauth', { domains: [callbackHost] }, 'PUT');
  const one = async (i: number): Promise<Follower> => {
    const user = await post<{ id: string }>('/users', { nickname: `Reader ${i}` });
    await post(`/users/${user.id}/follow`, { account: acc.appid });
    const { token } = await post<{ token: string }>(`/users/${user.id}/phone-token`, {});
    return { cookie: `herald_follower=${token}; herald_from=menu.${acc.appid}` };
  };
  const followers: Follower[] = [];
  // Sixteen at a time (the order of the list does not matter).
  for (let i = 0; i < CONCURRENCY * FOLLOWERS_PER_SLOT; i += 16) followers.push(...(await Promise.all(Array.from({ length: 16 }, (_, k) => one(i + k)))));
  return { ...acc, followers };
}

/** One round; throws when any step does not answer as WeChat would. */
async function round(base: string, appid: string, secret: string, follower: Follower, redirect: string): Promise<void> {
  const authorize = await fetch(`${base}/connect/oauth2/authorize?appid=${appid}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_userinfo&state=b`, {
    headers: { cookie: follower.cookie },
    redirect: 'manual',
  });
  await authorize.arrayBuffer();
  const location = authorize.headers.get('location');
  if (authorize.status !== 302 || !location) throw new Error(`authorize answered ${authorize.status}`);
  const callback = await fetch(location);
  const code = await callback.text();
  if (callback.status !== 200 || !code) throw new Error(`callback answered ${callback.status}`);
  const token = (await (await fetch(`${base}/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${encodeURIComponent(code)}&grant_type=authorization_code`)).json()) as { access_token?: string; openid?: string; errcode?: number };
  if (!token.access_token || !token.openid) throw new Error(`access_token answered ${JSON.stringify(token)}`);
  const info = (await (await fetch(`${base}/sns/userinfo?access_token=${encodeURIComponent(token.access_token)}&openid=${token.openid}&lang=zh_CN`)).json()) as { nickname?: string };
  if (!info.nickname) throw new Error(`userinfo answered ${JSON.stringify(info)}`);
}

/** Runs rounds on CONCURRENCY slots for `seconds`; rounds/s and round latency percentiles. */
async function drive(seconds: number, run: (slot: number, n: number) => Promise<void>): Promise<{ rounds: number; perSec: number; p50: number; p99: number; errors: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, slot) => {
      for (let n = 0; performance.now() < until; n++) {
        const t0 = performance.now();
        try {
          await run(slot, n);
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
  return { rounds: latencies.length, perSec: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors, firstError };
}

export async function benchOauthRound(label: string, databaseUrl?: string): Promise<void> {
  console.log(`\nOAuth round (authorize → code → access_token → userinfo), ${CONCURRENCY} followers at once, ${DURATION} s [${label}]`);
  const barePort = await freePort();
  const bare = await startProcess(['--import', 'tsx', 'bench/bareServer.ts'], { PORT: String(barePort) }, 'bare server ready', barePort);
  const herald = await startHeraldProcess({ databaseUrl });
  try {
    const redirect = `${bare.url}/cb`;
    const { appid, secret, followers } = await setup(herald.url, new URL(bare.url).host);
    const run = (slot: number, n: number) => round(herald.url, appid, secret, followers[slot * FOLLOWERS_PER_SLOT + (n % FOLLOWERS_PER_SLOT)], redirect);
    // Warm both up, then measure each alone.
    await load(`${bare.url}/cgi-bin/getcallbackip`, { connections: CONCURRENCY, durationSec: 2 });
    await drive(2, run);
    const b = await load(`${bare.url}/cgi-bin/getcallbackip`, { connections: CONCURRENCY, durationSec: DURATION });
    const h = await drive(DURATION, run);
    if (h.errors) console.log(`  (${h.errors} failed rounds; first: ${h.firstError})`);
    const requestsPerSec = h.perSec * 4;
    report({ name: `OAuth rounds [${label}]`, value: h.perSec, unit: 'rounds/s' });
    report({
      name: `OAuth round requests [${label}]`,
      value: requestsPerSec,
      unit: 'req/s',
      baseline: { name: 'bare route', value: b.rps },
      target: { text: '≥ 0.15× bare route', met: requestsPerSec >= 0.15 * b.rps && h.errors === 0 },
    });
    report({ name: `OAuth round p99 [${label}]`, value: h.p99, unit: 'ms', baseline: { name: 'bare route p99 (one request)', value: Math.max(b.p99, 1) } });
    report({ name: `OAuth round p50 [${label}]`, value: h.p50, unit: 'ms' });
  } finally {
    await herald.stop();
    await bare.stop();
  }
}
