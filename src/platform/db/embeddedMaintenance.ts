import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from './connect.js';
import { defineSchedule, startSchedule } from '../jobs/registry.js';

/**
 * Autovacuum for the embedded database. PostgreSQL's autovacuum launcher does not run in PGlite,
 * so without this the outbox, windows and sessions that are updated all day would keep every
 * dead row version, and tables would never get planner statistics: on a fresh data directory a
 * settle of 16 callback deliveries cost 150 µs a row, and 600 µs a row once 28,000 dead versions
 * had piled up (VACUUM ANALYZE brought it back to 160 µs). The rule is autovacuum's own, with its
 * defaults: vacuum a table when its dead rows exceed 50 + 20% of its live rows, analyze it when
 * the rows changed since its last analyze exceed 50 + 10%. One table per statement, so other
 * statements go in between. PostgreSQL proper runs its own autovacuum; this is not started there.
 */

/** How often the tables are looked at (PostgreSQL's autovacuum_naptime is 1 min; embedded tables are small and busy). */
export const MAINTENANCE_MS = 15_000;

const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE = 0.2;
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE = 0.1;

export interface MaintenanceAction {
  table: string;
  action: 'vacuum analyze' | 'vacuum' | 'analyze';
  ms: number;
}

/** Vacuums and analyzes the tables that need it now; returns what it did. */
export async function maintainEmbedded(services: { database: Database; log: Logger }): Promise<MaintenanceAction[]> {
  // Statistics reach the shared tables at most once a second; make the next flush happen now.
  await services.database.rows(sql`select pg_stat_force_next_flush()`);
  const tables = await services.database.rows<{ table: string; live: number; dead: number; changed: number }>(sql`
    select relname as table, n_live_tup::float8 as live, n_dead_tup::float8 as dead, n_mod_since_analyze::float8 as changed
      from pg_stat_user_tables
     where schemaname = 'public'
     order by relname`);
  const done: MaintenanceAction[] = [];
  for (const t of tables) {
    const vacuum = t.dead > VACUUM_THRESHOLD + VACUUM_SCALE * t.live;
    const analyze = t.changed > ANALYZE_THRESHOLD + ANALYZE_SCALE * t.live;
    if (!vacuum && !analyze) continue;
    const action: MaintenanceAction['action'] = vacuum && analyze ? 'vacuum analyze' : vacuum ? 'vacuum' : 'analyze';
    const started = performance.now();
    const name = sql.identifier(t.table);
    if (action === 'vacuum analyze') await services.database.rows(sql`vacuum (analyze) ${name}`);
    else if (action === 'vacuum') await services.database.rows(sql`vacuum ${name}`);
    else await services.database.rows(sql`analyze ${name}`);
    done.push({ table: t.table, action, ms: Math.round(performance.now() - started) });
  }
  if (done.length > 0) services.log.debug({ done }, 'embedded database maintained');
  return done;
}

type MaintainedServices = { database: Database; log: Logger };

/** Vacuums and analyzes the embedded database every `every` (nothing on PostgreSQL). */
export const embeddedMaintenanceSchedule = (every = MAINTENANCE_MS) =>
  defineSchedule<MaintainedServices, never>({
    name: 'embedded-maintenance',
    every,
    enabled: (services) => services.database.kind === 'pglite',
    run: (services) => maintainEmbedded(services).catch((err: unknown) => services.log.warn({ err }, 'embedded database maintenance failed')),
  });

/** Runs maintainEmbedded every `everyMs` on the embedded database (nothing on PostgreSQL); returns the function that stops it. */
export function startEmbeddedMaintenance(services: MaintainedServices, everyMs = MAINTENANCE_MS): () => Promise<void> {
  const job = startSchedule(embeddedMaintenanceSchedule(everyMs), services);
  return () => job.stop();
}
