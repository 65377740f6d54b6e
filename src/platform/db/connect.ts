import { existsSync } from 'node:fs';
import { makePrivateDir, repairPrivateTree } from '../privateDir.js';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { MIGRATIONS_DIR } from '../paths.js';
import { PGliteThread } from './pgliteThread.js';

/** The database handle every store uses: the same PostgreSQL dialect on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export const migrationsFolder = MIGRATIONS_DIR;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL and returns rows (used by set-based jobs and tests). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

export type ConnectOptions =
  | { kind: 'pglite'; dataDir?: string /* undefined = in memory */; sharedBuffers?: string; statsFile?: string }
  | { kind: 'postgres'; url: string; max?: number };

/** Opens the database and applies checked-in migrations. */
export async function connect(opts: ConnectOptions): Promise<Database> {
  if (opts.kind === 'pglite') {
    const pgliteOptions = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffers ?? '16MB'}`] };
    if (opts.dataDir) {
      // The data directory is its owner's only (0700, files 0600): on creation and at every start.
      makePrivateDir(opts.dataDir);
      if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
        // Creating a cluster (initdb) leaves the WASM heap several hundred MB larger than opening
        // one does, and a WASM heap never shrinks: create it in a short-lived child process.
        initEmbeddedInChild(opts.dataDir, pgliteOptions.startParams);
      }
      repairPrivateTree(opts.dataDir);
    }
    // The database runs on its own thread (see PGliteThread); drizzle's PGlite driver drives it.
    const client = new PGliteThread(opts.dataDir, pgliteOptions, { statsFile: opts.statsFile });
    await client.waitReady;
    const db = drizzlePglite(client as unknown as PGlite) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    // Files the engine created while migrating (new tables, WAL segments) get the same repair.
    if (opts.dataDir) repairPrivateTree(opts.dataDir);
    const dataDir = opts.dataDir;
    return {
      db,
      kind: 'pglite',
      async rows<T>(query: SQL) {
        const r = await db.execute(query);
        return (r as unknown as { rows: T[] }).rows;
      },
      async close() {
        await client.close();
        if (dataDir) repairPrivateTree(dataDir);
      },
    };
  }
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 20 });
  pool.on('error', () => {
    /* idle client errors are reported on next use */
  });
  const db = drizzlePg(pool) as unknown as Db;
  // Serialise concurrent migrators (several nodes or test files starting at once).
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock(727274)');
    await migratePg(db as never, { migrationsFolder });
  } finally {
    await lockClient.query('select pg_advisory_unlock(727274)').catch(() => undefined);
    lockClient.release();
  }
  return {
    db,
    kind: 'postgres',
    async rows<T>(query: SQL) {
      const r = await db.execute(query);
      return (r as unknown as { rows: T[] }).rows;
    },
    async close() {
      await pool.end();
    },
  };
}

/** Creates an embedded cluster in a child process (see connect). Throws with its output on failure. */
function initEmbeddedInChild(dataDir: string, startParams: string[]): void {
  const script = `
    process.umask(0o077);
    const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
    const c = new PGlite(process.argv[1], { startParams: JSON.parse(process.argv[2]) });
    await c.waitReady;
    await c.close();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dataDir, JSON.stringify(startParams)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Could not create the embedded database in ${dataDir}:\n${r.stderr || r.stdout}`);
}

export { sql };
