/**
 * Retention of the durable request log (api_requests): openapi/rid/get is for recent calls, so
 * rows older than HERALD_REQUEST_LOG_DAYS go, and beyond HERALD_REQUEST_LOG_ROWS the oldest go.
 */
import { sql } from 'drizzle-orm';
import { defineSchedule, startSchedule } from '../../platform/jobs/registry.js';
import type { Services } from '../../main/services.js';

/** Rows deleted per statement, so one prune never holds a long transaction. */
const PRUNE_BATCH = 5_000;
/** How often the workers prune. */
export const REQUEST_LOG_PRUNE_MS = 10 * 60 * 1000;

/**
 * Deletes the stored requests outside the retention window: older than the configured days, then
 * the oldest beyond the configured count. Safe to run concurrently on several nodes and twice.
 * Returns how many rows each rule removed.
 */
export async function pruneRequestLog(services: Pick<Services, 'database' | 'clock' | 'config'>): Promise<{ byAge: number; bySize: number }> {
  const { maxAgeDays, maxRows } = services.config.requestLog;
  const cutoff = new Date(services.clock.nowMs() - maxAgeDays * 24 * 3600 * 1000);
  let byAge = 0;
  for (;;) {
    const gone = await services.database.rows<{ rid: string }>(sql`
      delete from api_requests where rid in (
        select rid from api_requests where invoked_at < ${cutoff.toISOString()}::timestamptz limit ${PRUNE_BATCH}
      ) returning rid`);
    byAge += gone.length;
    if (gone.length < PRUNE_BATCH) break;
  }
  let bySize = 0;
  const [{ n }] = await services.database.rows<{ n: string | number }>(sql`select count(*) as n from api_requests`);
  let excess = Number(n) - maxRows;
  while (excess > 0) {
    const gone = await services.database.rows<{ rid: string }>(sql`
      delete from api_requests where rid in (
        select rid from api_requests order by invoked_at, rid limit ${Math.min(excess, PRUNE_BATCH)}
      ) returning rid`);
    if (gone.length === 0) break;
    bySize += gone.length;
    excess -= gone.length;
  }
  return { byAge, bySize };
}

/** The request log's retention as a declared schedule: at start, then every REQUEST_LOG_PRUNE_MS. */
export const requestLogRetentionSchedule = (every = REQUEST_LOG_PRUNE_MS) =>
  defineSchedule<Services, never>({
    name: 'request-log-retention',
    every,
    runAtStart: true,
    run: async (services) => {
      try {
        const { byAge, bySize } = await pruneRequestLog(services);
        if (byAge + bySize > 0) services.log.info({ byAge, bySize }, 'request log pruned');
      } catch (err) {
        services.log.warn({ err }, 'request log prune failed');
      }
    },
  });

/** Runs the retention schedule on its own; returns the function that stops it after the running prune. */
export function startRequestLogRetention(services: Services, everyMs = REQUEST_LOG_PRUNE_MS): () => Promise<void> {
  const job = startSchedule(requestLogRetentionSchedule(everyMs), services);
  return () => job.stop();
}
