/**
 * A Herald child process on data of its own, for tests that kill it and start it again: a
 * temporary data directory and, on PostgreSQL, a fresh database next to TEST_DATABASE_URL's,
 * with the same port across restarts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DbKind } from './harness.js';
import { freePort, kill, startChild, type Child } from './child.js';

/** What a test undoes at its end, last first. */
export type Cleanups = Array<() => Promise<void> | void>;

export interface ChildHerald {
  /** http://127.0.0.1:<port> */
  base: string;
  /** HERALD_DATA_DIR and, on PostgreSQL, DATABASE_URL: what `herald seed` or a direct connection needs. */
  env: Record<string, string>;
  /** Starts the process (again) on the same data and port, and resolves once it is ready. */
  start(): Promise<void>;
  /** Sends `signal` to the running process and waits until it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Calls Herald's HTTP API with a JSON body; throws on a status of 300 or more. */
  api(method: string, url: string, body?: object): Promise<Record<string, unknown>>;
}

/** A fresh PostgreSQL database next to TEST_DATABASE_URL's; `cleanups` drops it. Returns its URL. */
async function freshPostgres(name: string, cleanups: Cleanups): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const database = `herald_${name}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await c.end();
  });
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Makes the data (named after `name`) and starts `herald start` on it. `cleanups` gets the
 * removal of the data and a SIGKILL of whatever process is running then.
 */
export async function startChildHerald(kind: DbKind, name: string, cleanups: Cleanups): Promise<ChildHerald> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `herald-${name}-`));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = { HERALD_DATA_DIR: dataDir };
  if (kind === 'postgres') env.DATABASE_URL = await freshPostgres(name, cleanups);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: Child | undefined;

  const herald: ChildHerald = {
    base,
    env,
    async start() {
      child = await startChild({ ...env, PORT: String(port) });
    },
    async kill(signal) {
      if (child) await kill(child, signal);
    },
    async api(method, url, body) {
      const r = await fetch(`${base}${url}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await r.json()) as Record<string, unknown>;
      if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    },
  };
  cleanups.push(() => herald.kill('SIGKILL'));
  await herald.start();
  return herald;
}
