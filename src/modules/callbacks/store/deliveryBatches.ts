import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { deliveries } from '../schema.js';
import type { AccountRow } from '../../accounts/index.js';
import { MAX_LOGGED_RESPONSE, cutUtf8, storable, type AttemptRecord, type DeliveryOutcome, type DeliveryRow } from './deliveries.js';

/**
 * Set-based SQL for the callback worker: the rows of a claimed batch, the attempts of many
 * deliveries in one insert and their settlements in one update. Each row travels as one jsonb
 * parameter unpacked by jsonb_to_recordset, so a batch costs one statement whatever its size
 * (on the embedded database every statement is a trip through the engine).
 */

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** The full rows of claimed deliveries. */
export async function findDeliveries(db: Executor, ids: number[]): Promise<DeliveryRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(deliveries).where(inArray(deliveries.id, ids));
}

/** The accounts of a batch, by id. */
export async function findAccountsByIds(db: Executor, ids: string[]): Promise<Map<string, AccountRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(accounts).where(inArray(accounts.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Records attempts unless one with the same delivery and number is there already (safe to run
 * twice, as insertAttempt). Returns how many were written.
 */
function attemptRows(list: AttemptRecord[]) {
  return list.map((a) => ({
    delivery_id: a.deliveryId,
    attempt_no: a.attemptNo,
    started_at: a.startedAt.toISOString(),
    request_url: storable(a.requestUrl),
    request_body: storable(a.requestBody),
    response_status: a.responseStatus,
    response_body: a.responseBody === null ? null : storable(cutUtf8(a.responseBody, MAX_LOGGED_RESPONSE)),
    latency_ms: Math.max(0, Math.round(a.latencyMs)),
    outcome: a.outcome,
    error: a.error === null ? null : storable(a.error),
    meta: a.meta ? storable(a.meta) : null,
  }));
}

const insertAttemptsSql = (list: AttemptRecord[]) => sql`
    insert into delivery_attempts (delivery_id, attempt_no, started_at, request_url, request_body, response_status, response_body, latency_ms, outcome, error, meta)
    select v.delivery_id, v.attempt_no, v.started_at, v.request_url, v.request_body, v.response_status, v.response_body, v.latency_ms, v.outcome, v.error, v.meta
      from jsonb_to_recordset(${JSON.stringify(attemptRows(list))}::jsonb) as v(delivery_id bigint, attempt_no int, started_at timestamptz, request_url text, request_body text,
           response_status int, response_body text, latency_ms int, outcome text, error text, meta jsonb)
     where not exists (select 1 from delivery_attempts a where a.delivery_id = v.delivery_id and a.attempt_no = v.attempt_no)
    returning id`;

/**
 * Records attempts unless one with the same delivery and number is there already (safe to run
 * twice, as insertAttempt). Returns how many were written.
 */
export async function insertAttempts(db: Executor, list: AttemptRecord[]): Promise<number> {
  if (list.length === 0) return 0;
  return rowsOf(await db.execute(insertAttemptsSql(list))).length;
}

/** One settlement of a batch: a claimed delivery, the attempt number it was claimed with, and its next state. */
export interface Settlement {
  id: number;
  attemptNo: number;
  outcome: DeliveryOutcome;
}

/**
 * Moves many claimed deliveries on at once, each fenced by its attempt number as settleDelivery
 * does. Returns the ids that moved (the others were taken over by another worker).
 */
function settlementRows(list: Settlement[]) {
  return list.map(({ id, attemptNo, outcome: o }) => ({
    id,
    attempt_no: attemptNo,
    status: o.status,
    completed_at: o.status === 'pending' ? null : o.completedAt.toISOString(),
    next_attempt_at: o.status === 'pending' ? o.nextAttemptAt.toISOString() : null,
    delivered: o.status === 'delivered',
    reply_status: o.status === 'delivered' ? o.replyStatus : null,
    reply: o.status === 'delivered' ? storable(o.reply ?? null) : null,
    reply_error: o.status === 'delivered' && o.replyError !== null ? storable(o.replyError) : null,
    uncount: o.status !== 'delivered' && o.status !== 'pending' && o.uncountAttempt === true,
  }));
}

const settleSql = (list: Settlement[]) => sql`
    update deliveries d
       set status = v.status,
           locked_until = null,
           completed_at = case when v.status = 'pending' then d.completed_at else v.completed_at end,
           next_attempt_at = case when v.status = 'pending' then v.next_attempt_at else d.next_attempt_at end,
           reply_status = case when v.delivered then v.reply_status else d.reply_status end,
           reply = case when v.delivered then nullif(v.reply, 'null'::jsonb) else d.reply end,
           reply_error = case when v.delivered then v.reply_error else d.reply_error end,
           attempts = case when v.uncount then v.attempt_no - 1 else d.attempts end
      from jsonb_to_recordset(${JSON.stringify(settlementRows(list))}::jsonb) as v(id bigint, attempt_no int, status text, completed_at timestamptz,
           next_attempt_at timestamptz, delivered boolean, reply_status text, reply jsonb, reply_error text, uncount boolean)
     where d.id = v.id and d.status = 'delivering' and d.attempts = v.attempt_no
    returning d.id as id`;

const movedOf = (result: unknown) => new Set(rowsOf<{ id: string | number }>(result).map((r) => Number(r.id)));

/**
 * Moves many claimed deliveries on at once, each fenced by its attempt number as settleDelivery
 * does. Returns the ids that moved (the others were taken over by another worker).
 */
export async function settleDeliveries(db: Executor, list: Settlement[]): Promise<Set<number>> {
  if (list.length === 0) return new Set();
  return movedOf(await db.execute(settleSql(list)));
}

/**
 * insertAttempts and settleDeliveries in one statement (data-modifying CTEs run in the
 * statement's one transaction): what a batch needs when no settle handler has to run with it.
 */
export async function recordAndSettle(db: Executor, attempts: AttemptRecord[], list: Settlement[]): Promise<Set<number>> {
  if (attempts.length === 0) return settleDeliveries(db, list);
  if (list.length === 0) {
    await insertAttempts(db, attempts);
    return new Set();
  }
  return movedOf(await db.execute(sql`with recorded as (${insertAttemptsSql(attempts)}), settled as (${settleSql(list)}) select id from settled`));
}
