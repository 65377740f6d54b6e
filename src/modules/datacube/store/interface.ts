/**
 * Interface analysis (getinterfacesummary*): WeChat's calls to the developer's server, one
 * callbacks-module delivery attempt each (its outcome and latency).
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { deliveries, deliveryAttempts as a } from '../../callbacks/schema.js';
import { hourOf, NO_HOUR, periodOf } from './period.js';

export interface InterfaceRow {
  refDate: string;
  refHour?: number;
  callbackCount: number;
  failCount: number;
  totalTimeCost: number;
  maxTimeCost: number;
}

/** Calls to the developer's server per China day (and hour), in [from, to). */
export async function callbackCalls(db: Executor, accountId: string, from: Date, to: Date, byHour = false): Promise<InterfaceRow[]> {
  const refDate = periodOf(a.startedAt, 'day');
  const hour = byHour ? hourOf(a.startedAt) : NO_HOUR;
  const rows = await db
    .select({
      refDate,
      hour,
      callbackCount: sql<number>`count(*)::int`,
      failCount: sql<number>`(count(*) filter (where ${a.outcome} <> 'ok'))::int`,
      totalTimeCost: sql<number>`coalesce(sum(${a.latencyMs}), 0)::bigint`,
      maxTimeCost: sql<number>`coalesce(max(${a.latencyMs}), 0)::int`,
    })
    .from(a)
    .innerJoin(deliveries, eq(deliveries.id, a.deliveryId))
    .where(and(eq(deliveries.accountId, accountId), gte(a.startedAt, from), lt(a.startedAt, to)))
    .groupBy(refDate, hour)
    .orderBy(refDate, hour);
  return rows.map((r) => ({
    refDate: r.refDate,
    ...(byHour ? { refHour: Number(r.hour) } : {}),
    callbackCount: Number(r.callbackCount),
    failCount: Number(r.failCount),
    totalTimeCost: Number(r.totalTimeCost),
    maxTimeCost: Number(r.maxTimeCost),
  }));
}
