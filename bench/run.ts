/**
 * `npm run bench`: every benchmark, each figure printed beside a baseline measured in the same
 * run. PostgreSQL figures run when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 * BENCH_ONLY=name,name limits the run; BENCH_DURATION sets seconds per load phase.
 * BENCH_COMPARE=<dir of another checkout> measures that checkout's server beside this one's in the
 * same run (each benchmark: the other checkout first, then this one) and prints new ÷ old per
 * figure. The other checkout needs its own node_modules (a link to this one's will do).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { figures, freshPgDatabase, herald } from './lib.js';
import { benchAuthenticatedRead, benchIdleMemory } from './foundation.js';
import { benchCustomSend, benchFanIn, benchPhoneLatency } from './messaging.js';
import { benchFanout } from './broadcast.js';
import { benchOauthRound } from './oauth.js';
import { benchDatacube } from './datacube.js';
import { benchPay } from './pay.js';
import { benchTemplateSend } from './template.js';

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** BENCH_DBS=embedded or =postgres limits the run to one database (default: both, PostgreSQL when a URL is set). */
const dbs = (process.env.BENCH_DBS ?? 'embedded,postgres').split(',');
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const want = (name: string) => only.length === 0 || only.includes(name);

console.log(`Herald benchmarks — ${new Date().toISOString()}, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);

/** Runs a benchmark on the embedded database, then on a fresh PostgreSQL database when one is configured. */
async function onEachDb(run: (label: string, databaseUrl?: string) => Promise<void>): Promise<void> {
  if (dbs.includes('embedded')) await run('embedded');
  if (!pgUrl || !dbs.includes('postgres')) return;
  const pgdb = await freshPgDatabase(pgUrl);
  try {
    await run('postgres', pgdb.url);
  } finally {
    await pgdb.drop();
  }
}
const compare = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : undefined;
const here = herald.root;

/** One benchmark on each database; with BENCH_COMPARE, first on the other checkout, then on this one. */
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
async function measure(run: (label: string, databaseUrl?: string) => Promise<void>): Promise<void> {
  if (!compare) return onEachDb(run);
  for (let r = 0; r < rounds; r++) {
    herald.root = compare;
    await onEachDb((label, url) => run(`${label} old`, url));
    herald.root = here;
    await onEachDb((label, url) => run(`${label} new`, url));
  }
}

if (want('read')) await measure(benchAuthenticatedRead);
if (want('memory')) await benchIdleMemory();
if (want('send')) await measure(benchCustomSend);
if (want('fanin')) await measure(benchFanIn);
if (want('phone')) await measure(benchPhoneLatency);
if (want('fanout')) await measure(benchFanout);
if (want('oauth')) await measure(benchOauthRound);
if (want('datacube')) await onEachDb(benchDatacube);
if (want('pay')) await measure(benchPay);
if (want('template')) await measure(benchTemplateSend);

if (compare) {
  // The median of each side over BENCH_ROUNDS alternating rounds, then new ÷ old.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = (name: string) => name.replace(/ (old|new)\]/, ']');
  console.log(`\nThis checkout ÷ ${compare}, same run, median of ${rounds} round(s):`);
  for (const name of [...new Set(figures.filter((x) => x.name.includes(' new]')).map((x) => base(x.name)))]) {
    const side = (tag: string) => figures.filter((x) => x.name.includes(` ${tag}]`) && base(x.name) === name);
    const [o, n] = [side('old'), side('new')];
    if (!o.length || !n.length) continue;
    const [ov, nv] = [median(o.map((x) => x.value)), median(n.map((x) => x.value))];
    if (ov > 0) console.log(`  ${name}: ${(nv / ov).toFixed(2)}×  (new ${nv.toFixed(1)} vs old ${ov.toFixed(1)} ${n[0].unit}${n[0].unit === 'ms' ? '; lower is better' : ''})`);
  }
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
console.log('\nWritten to bench/results/latest.json');
