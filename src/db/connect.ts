import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The database handle every store uses: the same PostgreSQL dialect on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL and returns rows (used by set-based jobs and tests). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

export type ConnectOptions =
  | { kind: 'pglite'; dataDir?: string /* undefined = in memory */ }
  | { kind: 'postgres'; url: string; max?: number };

/** Opens the database and applies checked-in migrations. */
export async function connect(opts: ConnectOptions): Promise<Database> {
  if (opts.kind === 'pglite') {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return {
      db,
      kind: 'pglite',
      async rows<T>(query: SQL) {
        const r = await db.execute(query);
        return (r as unknown as { rows: T[] }).rows;
      },
      async close() {
        await client.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 20 });
  pool.on('error', () => {
    /* idle client errors are reported on next use */
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
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

export { sql };
