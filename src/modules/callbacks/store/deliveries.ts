import { and, asc, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { deliveries, deliveryAttempts } from '../schema.js';

/**
 * All SQL of the callback outbox: queueing deliveries (inside the action's transaction),
 * claiming due ones for the worker, recording attempts, and the inspector's read views.
 */

/** A deliveries row. */
export type DeliveryRow = typeof deliveries.$inferSelect;

/** A delivery as the console and the simulator show it (no payload). */
export interface DeliveryView {
  id: number;
  kind: string;
  label: string;
  msgId: string | null;
  openid: string;
  status: string;
  attempts: number;
  replyStatus: string;
  reply: unknown;
  replyError: string | null;
  createdAt: Date;
  completedAt: Date | null;
  resendOf: number | null;
}

/** One HTTP attempt of a delivery. */
export interface AttemptView {
  attemptNo: number;
  startedAt: Date;
  requestUrl: string;
  requestBody: string;
  responseStatus: number | null;
  responseBody: string | null;
  latencyMs: number;
  outcome: string;
  error: string | null;
}

const viewColumns = {
  id: deliveries.id,
  kind: deliveries.kind,
  label: deliveries.label,
  msgId: deliveries.msgId,
  openid: deliveries.openid,
  status: deliveries.status,
  attempts: deliveries.attempts,
  replyStatus: deliveries.replyStatus,
  reply: deliveries.reply,
  replyError: deliveries.replyError,
  createdAt: deliveries.createdAt,
  completedAt: deliveries.completedAt,
  resendOf: deliveries.resendOf,
};

const attemptColumns = {
  attemptNo: deliveryAttempts.attemptNo,
  startedAt: deliveryAttempts.startedAt,
  requestUrl: deliveryAttempts.requestUrl,
  requestBody: deliveryAttempts.requestBody,
  responseStatus: deliveryAttempts.responseStatus,
  responseBody: deliveryAttempts.responseBody,
  latencyMs: deliveryAttempts.latencyMs,
  outcome: deliveryAttempts.outcome,
  error: deliveryAttempts.error,
};

/** An account's deliveries, newest first; `beforeId` pages backwards. */
export async function listDeliveries(db: Executor, accountId: string, opts: { limit: number; beforeId?: number }): Promise<DeliveryView[]> {
  const limit = Math.max(1, Math.min(200, Math.floor(opts.limit) || 1));
  const where = opts.beforeId !== undefined
    ? and(eq(deliveries.accountId, accountId), lt(deliveries.id, opts.beforeId))
    : eq(deliveries.accountId, accountId);
  return db.select(viewColumns).from(deliveries).where(where).orderBy(desc(deliveries.id)).limit(limit);
}

/** One delivery of an account with its payload and every attempt, oldest attempt first. */
export async function getDelivery(
  db: Executor,
  accountId: string,
  id: number,
): Promise<(DeliveryView & { payloadXml: string; attemptsLog: AttemptView[] }) | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const [row] = await db
    .select({ ...viewColumns, payloadXml: deliveries.payloadXml })
    .from(deliveries)
    .where(and(eq(deliveries.id, id), eq(deliveries.accountId, accountId)));
  if (!row) return undefined;
  const attemptsLog = await listAttempts(db, [id]);
  return { ...row, attemptsLog: attemptsLog.get(id) ?? [] };
}

/** Attempts of several deliveries, grouped by delivery id, oldest first. */
export async function listAttempts(db: Executor, deliveryIds: number[]): Promise<Map<number, AttemptView[]>> {
  const out = new Map<number, AttemptView[]>();
  if (deliveryIds.length === 0) return out;
  const rows = await db
    .select({ deliveryId: deliveryAttempts.deliveryId, ...attemptColumns })
    .from(deliveryAttempts)
    .where(sql`${deliveryAttempts.deliveryId} in (${sql.join(deliveryIds.map((i) => sql`${i}`), sql`, `)})`)
    .orderBy(asc(deliveryAttempts.deliveryId), asc(deliveryAttempts.attemptNo), asc(deliveryAttempts.id));
  for (const { deliveryId, ...a } of rows) {
    const list = out.get(deliveryId) ?? [];
    list.push(a);
    out.set(deliveryId, list);
  }
  return out;
}

/** The status, attempts and reply of a delivery (what a waiting caller polls). */
export async function deliveryState(db: Executor, id: number): Promise<DeliveryView | undefined> {
  const [row] = await db.select(viewColumns).from(deliveries).where(eq(deliveries.id, id));
  return row;
}

/** What the outbox records about a push. */
export interface NewDelivery {
  accountId: string;
  kind: 'message' | 'event';
  label: string;
  msgId: string | null;
  openid: string;
  payloadXml: string;
  /** Platform time (services.clock). */
  now: Date;
  /** 'skipped' when the account has no enabled server: nothing to deliver to. */
  status?: 'pending' | 'skipped';
  resendOf?: number | null;
}

/**
 * Writes a delivery into the outbox. Call inside the transaction of the action that caused it;
 * wake the worker after commit (services.hooks.deliveriesQueued).
 */
export async function insertDelivery(db: Executor, d: NewDelivery): Promise<number> {
  const skipped = d.status === 'skipped';
  const [row] = await db
    .insert(deliveries)
    .values({
      accountId: d.accountId,
      kind: d.kind,
      label: d.label,
      msgId: d.msgId,
      openid: d.openid,
      payloadXml: d.payloadXml,
      status: skipped ? 'skipped' : 'pending',
      nextAttemptAt: d.now,
      createdAt: d.now,
      completedAt: skipped ? d.now : null,
      resendOf: d.resendOf ?? null,
    })
    .returning({ id: deliveries.id });
  return row.id;
}

/** The full row of one delivery (the worker and re-send read it). */
export async function findDelivery(db: Executor, id: number): Promise<DeliveryRow | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

/** A delivery a worker has claimed for one attempt. */
export interface ClaimedDelivery {
  id: number;
  /** The attempt number this claim is for (already counted). */
  attemptNo: number;
  maxAttempts: number;
  /** 'delivering' when the previous holder stopped mid-attempt (crash or lost lease). */
  previousStatus: 'pending' | 'delivering';
  /** The row as the claim left it. */
  row?: DeliveryRow;
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/**
 * Claims up to `limit` due deliveries for one worker: pending ones whose time has come, and
 * ones left 'delivering' by a holder whose lease ran out (it crashed mid-attempt). Each claim
 * counts the attempt it starts, so a crash never gives a delivery more attempts than allowed.
 * The lease uses the database's clock, not the emulator clock: it guards a lock between nodes,
 * and time travel must not make an in-flight attempt look abandoned.
 * Each kind is read in the order of `deliveries_due_idx` and stops at `limit` rows, so a claim
 * costs the same with a backlog of a million as of ten (one condition with OR made the database
 * collect and sort the whole backlog on every claim: 49 ms for 7,000 queued on the embedded one).
 */
export async function claimDueDeliveries(db: Executor, opts: { limit: number; nowMs: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const now = new Date(opts.nowMs).toISOString();
  const result = await db.execute(sql`
    with expired as (
      select id, status as previous_status from deliveries
      where status = 'delivering' and locked_until < now()
      order by status, next_attempt_at
      limit ${opts.limit}
      for update skip locked
    ), pending as (
      select id, status as previous_status from deliveries
      where status = 'pending' and next_attempt_at <= ${now}::timestamptz
      order by status, next_attempt_at
      limit ${opts.limit}
      for update skip locked
    ), due as (
      select * from expired union all select * from pending limit ${opts.limit}
    )
    update deliveries d
       set status = 'delivering',
           attempts = d.attempts + 1,
           locked_until = now() + make_interval(secs => ${opts.leaseMs / 1000})
      from due
     where d.id = due.id
    returning d.*, due.previous_status as previous_status`);
  return rowsOf<Record<string, unknown> & { previous_status: string }>(result).map((r) => {
    const row = deliveryRowOf(r);
    return {
      id: row.id,
      attemptNo: row.attempts,
      maxAttempts: row.maxAttempts,
      previousStatus: r.previous_status === 'delivering' ? 'delivering' : 'pending',
      row,
    };
  });
}

const DELIVERY_COLUMNS = Object.entries(getTableColumns(deliveries));

/** A deliveries row as raw SQL returns it (column names, driver values), as drizzle's select would give it. */
function deliveryRowOf(raw: Record<string, unknown>): DeliveryRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of DELIVERY_COLUMNS) {
    const v = raw[column.name];
    row[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
  }
  return row as DeliveryRow;
}

/** One attempt as the attempts log stores it. */
export interface AttemptRecord {
  deliveryId: number;
  attemptNo: number;
  startedAt: Date;
  requestUrl: string;
  requestBody: string;
  responseStatus: number | null;
  responseBody: string | null;
  latencyMs: number;
  outcome: 'ok' | 'timeout' | 'http_error' | 'network_error' | 'invalid_reply' | 'interrupted';
  error: string | null;
  meta?: Record<string, unknown> | null;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and developer servers can answer anything:
 * NULs become U+FFFD before they are stored.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  }
  return value;
}

/** Responses are kept up to 4 KB in the attempts log. */
export const MAX_LOGGED_RESPONSE = 4096;

/** Cuts a string to at most `bytes` UTF-8 bytes without splitting a character. */
export function cutUtf8(s: string, bytes: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= bytes) return s;
  let end = bytes;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/**
 * Records an attempt unless one with that number is already there (safe to run twice: a
 * recovered crash records the interrupted attempt once). Returns whether it was written.
 */
export async function insertAttempt(db: Executor, a: AttemptRecord): Promise<boolean> {
  const result = await db.execute(sql`
    insert into delivery_attempts (delivery_id, attempt_no, started_at, request_url, request_body, response_status, response_body, latency_ms, outcome, error, meta)
    select ${a.deliveryId}, ${a.attemptNo}, ${a.startedAt.toISOString()}::timestamptz, ${storable(a.requestUrl)}, ${storable(a.requestBody)}, ${a.responseStatus},
           ${a.responseBody === null ? null : storable(cutUtf8(a.responseBody, MAX_LOGGED_RESPONSE))}, ${Math.max(0, Math.round(a.latencyMs))}, ${a.outcome},
           ${a.error === null ? null : storable(a.error)}, ${a.meta ? JSON.stringify(storable(a.meta)) : null}::jsonb
    where not exists (select 1 from delivery_attempts where delivery_id = ${a.deliveryId} and attempt_no = ${a.attemptNo})
    returning id`);
  return rowsOf(result).length > 0;
}

/**
 * The next state of a claimed delivery. `uncountAttempt` gives back the attempt the claim
 * counted when none was made (nothing to deliver to, or the interrupted attempt was the last).
 */
export type DeliveryOutcome =
  | { status: 'delivered'; replyStatus: 'none' | 'valid' | 'invalid'; reply: unknown; replyError: string | null; completedAt: Date }
  | { status: 'failed'; completedAt: Date; uncountAttempt?: boolean }
  | { status: 'skipped'; completedAt: Date; uncountAttempt: boolean }
  | { status: 'pending'; nextAttemptAt: Date };

/**
 * Moves a claimed delivery on, fenced by the attempt number it was claimed with: if another
 * worker took it over in the meantime (this one outlived its lease), nothing changes and false
 * is returned.
 */
export async function settleDelivery(db: Executor, id: number, attemptNo: number, outcome: DeliveryOutcome): Promise<boolean> {
  const fence = and(eq(deliveries.id, id), eq(deliveries.status, 'delivering'), eq(deliveries.attempts, attemptNo));
  let set: Partial<typeof deliveries.$inferInsert>;
  switch (outcome.status) {
    case 'delivered':
      set = {
        status: 'delivered',
        lockedUntil: null,
        completedAt: outcome.completedAt,
        replyStatus: outcome.replyStatus,
        reply: storable(outcome.reply ?? null),
        replyError: outcome.replyError === null ? null : storable(outcome.replyError),
      };
      break;
    case 'failed':
      set = { status: 'failed', lockedUntil: null, completedAt: outcome.completedAt, ...(outcome.uncountAttempt ? { attempts: attemptNo - 1 } : {}) };
      break;
    case 'skipped':
      set = { status: 'skipped', lockedUntil: null, completedAt: outcome.completedAt, ...(outcome.uncountAttempt ? { attempts: attemptNo - 1 } : {}) };
      break;
    case 'pending':
      set = { status: 'pending', lockedUntil: null, nextAttemptAt: outcome.nextAttemptAt };
      break;
  }
  const rows = await db.update(deliveries).set(set).where(fence).returning({ id: deliveries.id });
  return rows.length > 0;
}

