import { sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import type { AccountRow } from '../../accounts/index.js';
import { conversationRowOf, type ConversationRow } from './conversations.js';
import { storable } from '../../callbacks/index.js';
import { notifyOf, placementOf, type MessageContent } from '../rules/conversation.js';
import { StatementBatcher, batcherOf } from '../../../platform/db/statementBatcher.js';
import { dbErrorCode } from '../../../platform/errors.js';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** A follower's message as the one-call path records it. */
export interface UserMessageFastRow {
  account: Pick<AccountRow, 'id' | 'type'>;
  userId: string;
  msgType: string;
  content: MessageContent;
  msgId: string;
  at: Date;
  /** The window the message opens. */
  window: { expiresAt: Date; limit: number | null };
  /** The push: its label and its XML around the follower's openid (head + openid + tail). */
  push: { label: string; xmlHead: string; xmlTail: string };
}

type Recorded = { row: ConversationRow; deliveryId: number } | undefined;

/** The function's arguments for one message, as the batch variant reads them (jsonb). */
function argsOf(m: UserMessageFastRow) {
  return {
    account: m.account.id,
    user_id: m.userId,
    msg_type: m.msgType,
    content: storable(m.content),
    placement: placementOf(m.account.type),
    notify: notifyOf(m.account.type, 'in'),
    at: m.at.toISOString(),
    msg_id: m.msgId,
    window_expires: m.window.expiresAt.toISOString(),
    window_limit: m.window.limit,
    label: m.push.label,
    xml_head: storable(m.push.xmlHead),
    xml_tail: storable(m.push.xmlTail),
  };
}

const jsonOf = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;

async function recordOne(db: Executor, m: UserMessageFastRow): Promise<Recorded> {
  const a = argsOf(m);
  const result = await db.execute(sql`
    select o_message, o_delivery from herald_user_message(${a.account}::uuid, ${a.user_id}::uuid, ${a.msg_type}, ${JSON.stringify(a.content)}::jsonb,
      ${a.placement}, ${a.notify}, ${a.at}::timestamptz, ${a.msg_id}, ${a.window_expires}::timestamptz,
      ${a.window_limit}::integer, ${a.label}, ${a.xml_head}, ${a.xml_tail})`);
  const r = rowsOf<{ o_message: unknown; o_delivery: string | number }>(result)[0];
  return r ? { row: conversationRowOf(jsonOf(r.o_message)), deliveryId: Number(r.o_delivery) } : undefined;
}

async function recordMany(db: Executor, list: UserMessageFastRow[], all = false): Promise<Recorded[]> {
  const items = list.map((m, idx) => ({ idx, ...argsOf(m) }));
  const json = JSON.stringify(items);
  const result = await db.execute(
    all ? sql`select o_idx, o_message, o_delivery from herald_user_message_all(${json}::jsonb)` : sql`select o_idx, o_message, o_delivery from herald_user_message_many(${json}::jsonb)`,
  );
  const out: Recorded[] = new Array(list.length).fill(undefined);
  for (const r of rowsOf<{ o_idx: number; o_message: unknown; o_delivery: string | number }>(result)) {
    out[Number(r.o_idx)] = { row: conversationRowOf(jsonOf(r.o_message)), deliveryId: Number(r.o_delivery) };
  }
  return out;
}

/**
 * The whole of a follower's message to an account with a developer server in one call of
 * herald_user_message (migration 0005): conversation row, window, outbox row. Concurrent calls
 * share one statement (StatementBatcher). Returns undefined when the function declined (not
 * following, or an open customer-service session): the caller then takes the careful path.
 * `db` must be the database, not a transaction: each statement is its own transaction.
 */
export function recordUserMessageFast(db: Executor, m: UserMessageFastRow): Promise<Recorded> {
  const batcher = batcherOf(db, 'user-message', () => new StatementBatcher<UserMessageFastRow, Recorded>((l) => recordMany(db, l), (one) => recordOne(db, one), { maxBatch: 128, maxInFlight: 2 }));
  return batcher.submit(m);
}

/**
 * Many messages inside the caller's transaction in one statement (not shared with others); a
 * slot is undefined where the function declined.
 */
export function recordUserMessagesFastInTx(tx: Executor, list: UserMessageFastRow[]): Promise<Recorded[]> {
  return recordMany(tx, list);
}

/**
 * Every message of a batch in one statement, itself a transaction (herald_user_message_all,
 * migration 0018): all recorded, or none when the function declined any of them (undefined).
 * `db` must be the database, not a transaction.
 */
export async function recordUserMessagesAllOrNone(db: Executor, list: UserMessageFastRow[]): Promise<Array<NonNullable<Recorded>> | undefined> {
  try {
    const out = await recordMany(db, list, true);
    return out.every((r) => r !== undefined) ? (out as Array<NonNullable<Recorded>>) : undefined;
  } catch (err) {
    if (dbErrorCode(err) === 'batch_declined') return undefined;
    throw err;
  }
}

/** As recordUserMessageFast, inside the caller's transaction (one statement, not shared with others). */
export function recordUserMessageFastInTx(tx: Executor, m: UserMessageFastRow): Promise<Recorded> {
  return recordOne(tx, m);
}
