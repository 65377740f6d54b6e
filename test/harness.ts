/**
 * Shared test helpers: real databases (PGlite always; PostgreSQL too when TEST_DATABASE_URL is
 * set), Herald instances in-process, and factories that make a fresh organization per test so
 * nothing is truncated and files run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { describe } from 'vitest';
import { loadConfig, type Config } from '../src/main/config.js';
import { connect, type Database } from '../src/platform/db/connect.js';
import { startHerald, type Herald } from '../src/main/server.js';
import { SystemClock } from '../src/platform/clock.js';
import { organizations } from '../src/modules/operators/schema.js';
import { registerAccount } from '../src/modules/accounts/commands/accountRegistrar.js';
import type { Services } from '../src/main/services.js';
import type { AccountType } from '../src/modules/accounts/rules/capabilities.js';

export type DbKind = 'pglite' | 'postgres';

/** The databases every database-touching test runs on. */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** `describe` once per database kind. */
export function describeEachDb(name: string, fn: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) describe(`${name} [${kind}]`, () => fn(kind));
}

/**
 * `describe` for a browser suite: once, on one database. A browser suite checks what a person
 * sees; the storage beneath every page is tested on both databases by the API and store tests.
 * With PostgreSQL configured the suites are spread over both kinds by a stable hash of the suite's
 * name, so the browser runs meet each database; without it they run on the embedded one.
 */
export function describeInBrowser(name: string, fn: (kind: DbKind) => void): void {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  const kind = DB_KINDS[hash % DB_KINDS.length];
  describe(`${name} [${kind}]`, () => fn(kind));
}

/**
 * Opens a fresh, migrated database: PGlite in memory, or a new PostgreSQL database created next
 * to TEST_DATABASE_URL's (dropped on close), so each test file has its own.
 */
export async function openTestDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') return connect({ kind: 'pglite' });
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `herald_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await connect({ kind: 'postgres', url: url.toString(), max: 10 });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

export interface TestHerald extends Herald {
  database: Database;
  config: Config;
}

/**
 * Starts Herald on a fresh database. `listen: true` opens a real port on 127.0.0.1 (for SDKs
 * and browsers); otherwise use `herald.app.inject()`.
 */
export async function startTestHerald(
  kind: DbKind,
  opts: { listen?: boolean; env?: Record<string, string>; clock?: SystemClock } = {},
): Promise<TestHerald> {
  const database = await openTestDatabase(kind);
  // Files (media) go to a directory of this Herald's own, removed on close.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-test-'));
  // Passwords hash at a lower scrypt cost in tests (the default, 2^17, is tested on its own).
  const config = loadConfig({ HERALD_MODE: 'emulator', HERALD_DEMO: '0', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', HERALD_DATA_DIR: dataDir, HERALD_PASSWORD_COST: '14', ...opts.env });
  const herald = await startHerald({
    config,
    database,
    clock: opts.clock ?? new SystemClock({ adjustable: config.mode === 'emulator' }),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    listen: opts.listen ?? false,
  });
  return {
    ...herald,
    database,
    config,
    async close() {
      await herald.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh organization. */
export async function makeOrg(services: Pick<Services, 'db'>, name = 'Test Org'): Promise<{ id: string }> {
  const [org] = await services.db.insert(organizations).values({ name }).returning({ id: organizations.id });
  return org;
}

/** A fresh account (in a fresh organization unless orgId is given), with its AppSecret. */
export async function makeAccount(
  services: Pick<Services, 'db'>,
  opts: { type?: AccountType; verified?: boolean; orgId?: string; name?: string } = {},
) {
  const orgId = opts.orgId ?? (await makeOrg(services)).id;
  const { account, secret } = await registerAccount(services.db, {
    orgId,
    type: opts.type ?? 'service',
    verified: opts.verified ?? true,
    name: opts.name ?? `Account ${randomBytes(3).toString('hex')}`,
  });
  return { account, secret, appid: account.appid, orgId };
}
