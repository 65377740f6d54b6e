/**
 * `npm run bench`: every benchmark, each figure printed beside a baseline measured in the same
 * run. PostgreSQL figures run when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 * BENCH_ONLY=name,name limits the run; BENCH_DURATION sets seconds per load phase.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { figures, freshPgDatabase } from './lib.js';
import { benchAuthenticatedRead, benchIdleMemory } from './foundation.js';
import { benchCustomSend, benchFanIn, benchPhoneLatency } from './messaging.js';
import { benchFanout } from './broadcast.js';

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const want = (name: string) => only.length === 0 || only.includes(name);

console.log(`Herald benchmarks — ${new Date().toISOString()}, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
if (want('read')) {
  await benchAuthenticatedRead('embedded');
  if (pgUrl) {
    const pgdb = await freshPgDatabase(pgUrl);
    try {
      await benchAuthenticatedRead('postgres', pgdb.url);
    } finally {
      await pgdb.drop();
    }
  }
}
if (want('memory')) await benchIdleMemory();

/** Runs a benchmark on the embedded database, then on a fresh PostgreSQL database when one is configured. */
async function onEachDb(run: (label: string, databaseUrl?: string) => Promise<void>): Promise<void> {
  await run('embedded');
  if (!pgUrl) return;
  const pgdb = await freshPgDatabase(pgUrl);
  try {
    await run('postgres', pgdb.url);
  } finally {
    await pgdb.drop();
  }
}
if (want('send')) await onEachDb(benchCustomSend);
if (want('fanin')) await onEachDb(benchFanIn);
if (want('phone')) await onEachDb(benchPhoneLatency);
if (want('fanout')) await onEachDb(benchFanout);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
console.log('\nWritten to bench/results/latest.json');
