import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../../platform/db/connect.js';
import { PER_FOLLOWER_MONTHLY_LIMIT } from '../rules/massQuota.js';

/**
 * The push-post fan-out, set-based: a runner claims a broadcast with a lease, then writes its
 * recipients batch by batch in openid order. Each batch is one statement that renews and checks
 * the lease, picks the next followers after the cursor, inserts them into broadcast_recipients
 * and records the broadcast_batches row: a batch is committed whole or not at all, and the
 * recipients' primary key makes a repeated batch deliver nothing twice.
 */

/** A broadcast held by one runner. */
export interface ClaimedBroadcast {
  id: number;
  accountId: string;
  appid: string;
  accountType: string;
  acceptedAt: Date;
  chinaMonth: string;
  kind: string;
  audience: Audience;
}

/** Who a push post goes to (broadcasts.audience). */
export type Audience = { kind: 'all' } | { kind: 'tag'; tagId: number } | { kind: 'openids'; openids: string[] };

/** The outcome of one batch statement. */
export interface BatchOutcome {
  /** False when the lease was lost (another runner took the broadcast over): nothing was written. */
  leased: boolean;
  /** Eligible followers in the batch's range (0: the fan-out is complete, no row was written). */
  considered: number;
  /** Removed by the 4-a-month rule. */
  filtered: number;
  /** Recipient rows inserted. */
  delivered: number;
  /** The last openid of the range (the next cursor). */
  lastOpenid: string | null;
}

type Row = Record<string, unknown>;
const rowsOf = async (db: Executor, q: SQL): Promise<Row[]> => (await db.execute(q) as unknown as { rows: Row[] }).rows;

/**
 * Claims one runnable broadcast: queued, sending with an expired lease (its runner died), or
 * scheduled and due. It becomes 'sending', held by `owner` until `leaseUntil`. A scheduled
 * post takes its audience snapshot at the moment it was due. `skip` lists broadcasts this
 * process is already running.
 */
export async function claimBroadcast(
  db: Executor,
  opts: { owner: string; now: Date; leaseUntil: Date; skip: readonly number[] },
): Promise<ClaimedBroadcast | null> {
  const skip = `{${opts.skip.map((n) => Math.trunc(n)).join(',')}}`;
  const now = opts.now.toISOString();
  const rows = await rowsOf(db, sql`
    with c as (
      select id from broadcasts
      where (status = 'queued'
          or (status = 'sending' and (locked_until is null or locked_until < ${now}::timestamptz))
          or (status = 'scheduled' and scheduled_at <= ${now}::timestamptz))
        and id <> all(${skip}::bigint[])
      order by id
      limit 1
      for update skip locked
    )
    update broadcasts b
       set status = 'sending',
           locked_by = ${opts.owner},
           locked_until = ${opts.leaseUntil.toISOString()}::timestamptz,
           started_at = coalesce(b.started_at, ${now}::timestamptz),
           accepted_at = case when b.status = 'scheduled' then coalesce(b.scheduled_at, b.accepted_at) else b.accepted_at end
      from c, accounts a
     where b.id = c.id and a.id = b.account_id
    returning b.id, b.account_id, a.appid, a.type as account_type, b.accepted_at, b.china_month, b.kind, b.audience`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    accountId: String(r.account_id),
    appid: String(r.appid),
    accountType: String(r.account_type),
    acceptedAt: new Date(r.accepted_at as string | Date),
    chinaMonth: String(r.china_month),
    kind: String(r.kind),
    audience: parseAudience(r.audience),
  };
}

/** The stored audience, read defensively (anything unknown sends to nobody rather than to everyone). */
export function parseAudience(raw: unknown): Audience {
  const a = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown> | null;
  if (a?.kind === 'all') return { kind: 'all' };
  if (a?.kind === 'tag' && Number.isInteger(a.tagId)) return { kind: 'tag', tagId: a.tagId as number };
  if (a?.kind === 'openids' && Array.isArray(a.openids)) return { kind: 'openids', openids: a.openids.filter((o): o is string => typeof o === 'string') };
  return { kind: 'openids', openids: [] };
}

/** Where a broadcast's fan-out stands: the last committed batch, or batch 0 at the start. */
export async function fanoutCursor(db: Executor, broadcastId: number): Promise<{ batchNo: number; lastOpenid: string }> {
  const rows = await rowsOf(db, sql`
    select batch_no, last_openid from broadcast_batches where broadcast_id = ${broadcastId} order by batch_no desc limit 1`);
  return rows[0] ? { batchNo: Number(rows[0].batch_no), lastOpenid: String(rows[0].last_openid) } : { batchNo: 0, lastOpenid: '' };
}

/**
 * The other push posts of the account in the same China month whose recipients count towards
 * the 4-a-month rule (PER_FOLLOWER_MONTHLY_LIMIT). Fewer than that: nobody can be over the limit,
 * and the rule is not evaluated.
 */
export async function monthlyPriorBroadcasts(db: Executor, b: Pick<ClaimedBroadcast, 'id' | 'accountId' | 'chinaMonth'>): Promise<number[]> {
  const rows = await rowsOf(db, sql`
    select id from broadcasts
     where account_id = ${b.accountId} and china_month = ${b.chinaMonth} and kind = 'mass' and id <> ${b.id}
       and status in ('sending', 'done', 'deleted')`);
  return rows.map((r) => Number(r.id));
}

/** The followers of the audience after the cursor, in openid order (the candidates of a batch). */
function candidates(b: ClaimedBroadcast, after: string, limit: number): SQL {
  const eligible = sql`f.account_id = ${b.accountId} and f.subscribed and f.subscribed_at <= ${b.acceptedAt.toISOString()}::timestamptz
    and f.openid not in (select bl.openid from blacklist bl where bl.account_id = ${b.accountId})`;
  switch (b.audience.kind) {
    case 'all':
      return sql`select f.openid from follows f
        where f.account_id = ${b.accountId} and f.subscribed and f.openid > ${after} and ${eligible}
        order by f.openid limit ${limit}`;
    case 'tag':
      // Driven by the tag's members (follow_tags is keyed in openid order), not by every follower.
      return sql`select t.openid from follow_tags t join follows f on f.openid = t.openid
        where t.account_id = ${b.accountId} and t.tag_id = ${b.audience.tagId} and t.openid > ${after} and ${eligible}
        order by t.openid limit ${limit}`;
    case 'openids':
      return sql`select o.openid from (select distinct value as openid from jsonb_array_elements_text(${JSON.stringify(b.audience.openids)}::jsonb)) o
        join follows f on f.openid = o.openid
        where o.openid > ${after} and ${eligible}
        order by o.openid limit ${limit}`;
  }
}

/**
 * Runs one batch: renews the lease (until `leaseUntil`) and, only while it is held, inserts the
 * next `limit` eligible followers after `after` into broadcast_recipients and writes batch
 * `batchNo`. `prior` (at least PER_FOLLOWER_MONTHLY_LIMIT ids, or empty to skip the rule): a follower who
 * already received PER_FOLLOWER_MONTHLY_LIMIT of these is filtered. One statement; run it in a transaction with whatever else must commit
 * with it.
 */
export async function runFanoutBatch(
  tx: Executor,
  b: ClaimedBroadcast,
  opts: { owner: string; after: string; batchNo: number; limit: number; prior: readonly number[]; now: Date; leaseUntil: Date; skipForeignKeyChecks?: boolean },
): Promise<BatchOutcome> {
  const prior = opts.prior.length >= PER_FOLLOWER_MONTHLY_LIMIT ? `{${opts.prior.map((n) => Math.trunc(n)).join(',')}}` : null;
  const over = prior
    ? sql`select c.openid from cand c
        where (select count(*) from broadcast_recipients r where r.broadcast_id = any(${prior}::bigint[]) and r.openid = c.openid) >= ${PER_FOLLOWER_MONTHLY_LIMIT}::int`
    : sql`select openid from cand where false`;
  // The plan must walk the follower index in openid order and stop after `limit` rows; with
  // statistics that lag behind a bulk load the planner may instead sort every remaining follower
  // on each batch (quadratic over the fan-out). Sorting and bitmap scans are ruled out for this
  // transaction only.
  // The foreign keys of the rows written point at the broadcast, whose row the lease update
  // below locks until commit (it cannot be deleted meanwhile): their per-row checks are about
  // 40% of a batch and are skipped when the connection may (a superuser: always on the
  // embedded database).
  await tx.execute(sql`select set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),
    set_config('session_replication_role', ${opts.skipForeignKeyChecks ? 'replica' : 'origin'}, true)`);
  const rows = await rowsOf(tx, sql`
    with lease as (
      update broadcasts set locked_until = ${opts.leaseUntil.toISOString()}::timestamptz
       where id = ${b.id} and locked_by = ${opts.owner} and status = 'sending'
      returning id
    ),
    cand as materialized (
      select * from (${candidates(b, opts.after, opts.limit)}) x where exists (select 1 from lease)
    ),
    over as materialized (${over}),
    ins as (
      insert into broadcast_recipients (broadcast_id, openid)
      select ${b.id}::bigint, c.openid from cand c where c.openid not in (select openid from over)
      on conflict do nothing
      returning 1
    ),
    stats as (select count(*)::int as considered, max(openid) as last from cand),
    batch as (
      insert into broadcast_batches (broadcast_id, batch_no, after_openid, last_openid, considered, filtered, delivered, created_at)
      select ${b.id}::bigint, ${opts.batchNo}::int, ${opts.after}, s.last, s.considered,
             (select count(*)::int from over), (select count(*)::int from ins), ${opts.now.toISOString()}::timestamptz
        from stats s where s.considered > 0
      returning 1
    )
    select (select count(*)::int from lease) as leased, s.considered, (select count(*)::int from over) as filtered,
           (select count(*)::int from ins) as delivered, s.last, (select count(*)::int from batch) as written
      from stats s`);
  const r = rows[0] ?? {};
  return {
    leased: Number(r.leased) > 0,
    considered: Number(r.considered ?? 0),
    filtered: Number(r.filtered ?? 0),
    delivered: Number(r.delivered ?? 0),
    lastOpenid: (r.last as string | null) ?? null,
  };
}

/** Renews (or, with `release`, gives back) the lease; false when another runner holds it now. */
export async function renewLease(db: Executor, id: number, owner: string, leaseUntil: Date | null): Promise<boolean> {
  const rows = await rowsOf(db, sql`
    update broadcasts set locked_until = ${leaseUntil ? leaseUntil.toISOString() : null}::timestamptz,
           locked_by = case when ${leaseUntil === null} then null else locked_by end
     where id = ${id} and locked_by = ${owner}
    returning id`);
  return rows.length > 0;
}

/**
 * Users with a phone connected (given) who follow the account and received the broadcast in
 * the openid range (after, last]: the phones to tell after that batch committed.
 */
export async function connectedRecipients(
  database: Pick<Database, 'db'>,
  q: { broadcastId: number; accountId: string; after: string; last: string; userIds: readonly string[] },
): Promise<string[]> {
  if (q.userIds.length === 0) return [];
  const rows = await rowsOf(database.db, sql`
    select f.user_id
      from (select distinct value::uuid as id from jsonb_array_elements_text(${JSON.stringify(q.userIds)}::jsonb)) u
      cross join lateral (
        select f.user_id, f.openid from follows f where f.account_id = ${q.accountId} and f.user_id = u.id
      ) f
     where f.openid > ${q.after} and f.openid <= ${q.last}
       and exists (select 1 from broadcast_recipients r where r.broadcast_id = ${q.broadcastId} and r.openid = f.openid)`);
  return rows.map((r) => String(r.user_id));
}
