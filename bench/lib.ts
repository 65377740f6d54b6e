/**
 * Benchmark helpers: child processes for servers (so the load generator and the server don't
 * share one event loop), autocannon runs, and the result table printed beside its baseline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import autocannon from 'autocannon';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** Target as a human sentence, with whether it was met. */
  target?: { text: string; met: boolean };
}

export const figures: Figure[] = [];

/**
 * The checkout whose `bin/herald.mjs` the benchmarks start. `BENCH_COMPARE=<dir>` (see run.ts)
 * points this at another checkout for one pass, so old and new code are measured in one run.
 */
export const herald = { root: process.cwd() };

export function report(f: Figure): void {
  figures.push(f);
  const ratio = f.baseline ? `  (${(f.value / f.baseline.value).toFixed(2)}× ${f.baseline.name} = ${fmt(f.baseline.value)} ${f.unit})` : '';
  const target = f.target ? `  target: ${f.target.text} → ${f.target.met ? 'met' : 'NOT met'}` : '';
  console.log(`  ${f.name}: ${fmt(f.value)} ${f.unit}${ratio}${target}`);
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Child {
  proc: ChildProcess;
  url: string;
  stdout: string;
  stop(): Promise<void>;
}

/** Starts a process and resolves once its stdout contains `readyText`. */
export async function startProcess(args: string[], env: Record<string, string>, readyText: string, port: number, timeoutMs = 120_000, cwd = process.cwd()): Promise<Child> {
  const proc = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${readyText}"\n${stdout}\n${stderr}`)), timeoutMs);
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
  proc.removeAllListeners('exit');
  return {
    proc,
    url: `http://127.0.0.1:${port}`,
    get stdout() {
      return stdout;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
      });
    },
  };
}

/** Starts Herald (`node bin/herald.mjs start`) on a fresh embedded database or on DATABASE_URL. */
export async function startHeraldProcess(opts: { databaseUrl?: string; env?: Record<string, string>; dataDir?: string } = {}): Promise<Child & { dataDir: string }> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'herald-bench-'));
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    HERALD_DATA_DIR: dataDir,
    HERALD_DEMO: '0',
    LOG_LEVEL: 'warn',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  };
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = await startProcess([...nodeArgs, 'bin/herald.mjs', 'start'], env, 'Herald is ready', port, 120_000, herald.root);
  return Object.assign(child, { dataDir });
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against one URL. */
export async function load(url: string, opts: { connections: number; durationSec: number; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.durationSec,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: opts.headers,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** Resident set size of a process, from /proc (MB). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const r = await fetch(url, init);
  const text = await r.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${url} answered ${r.status}: ${text.slice(0, 200)}`);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates a fresh PostgreSQL database next to `baseUrl`'s for one benchmark; drop() removes it. */
export async function freshPgDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `herald_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}
