import { sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import type { AccountRow } from '../../accounts/index.js';
import { conversationRowOf, type ConversationRow } from './conversations.js';
import { storable } from '../../callbacks/index.js';
import { notifyOf, placementOf, type MessageContent } from '../rules/conversation.js';
import { StatementBatcher, batcherOf } from '../../../platform/db/statementBatcher.js';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** The message of an account to a follower as message/custom/send records it. */
export interface CustomSendRow {
  account: Pick<AccountRow, 'id' | 'type'>;
  openid: string;
  msgType: string;
  content: MessageContent;
  at: Date;
}

type Sent = ConversationRow | undefined;

async function sendOne(db: Executor, m: CustomSendRow): Promise<Sent> {
  const at = m.at.toISOString();
  const result = await db.execute(sql`
    select * from herald_custom_send(${m.account.id}::uuid, ${m.openid}, ${m.msgType}, ${JSON.stringify(storable(m.content))}::jsonb,
      ${placementOf(m.account.type)}, ${notifyOf(m.account.type, 'out')}, ${at}::timestamptz)`);
  const r = rowsOf<Record<string, unknown>>(result)[0];
  return r ? conversationRowOf(r) : undefined;
}

async function sendMany(db: Executor, list: CustomSendRow[]): Promise<Sent[]> {
  const items = list.map((m, idx) => ({
    idx,
    account: m.account.id,
    openid: m.openid,
    msg_type: m.msgType,
    content: storable(m.content),
    placement: placementOf(m.account.type),
    notify: notifyOf(m.account.type, 'out'),
    at: m.at.toISOString(),
  }));
  const result = await db.execute(sql`select o_idx, o_message from herald_custom_send_many(${JSON.stringify(items)}::jsonb)`);
  const out: Sent[] = new Array(list.length).fill(undefined);
  for (const r of rowsOf<{ o_idx: number; o_message: unknown }>(result)) {
    out[Number(r.o_idx)] = conversationRowOf((typeof r.o_message === 'string' ? JSON.parse(r.o_message) : r.o_message) as Record<string, unknown>);
  }
  return out;
}

/**
 * The whole of a customer-service send in one call of herald_custom_send (migration 0004): finds
 * the subscribed follower, takes one message from the open window with room that closes soonest
 * (re-checked under the row lock) and records the message. Concurrent sends share one statement
 * (herald_custom_send_many, migration 0005, through StatementBatcher). Returns the row, or
 * undefined when any step did not hold (unknown or unsubscribed follower, no window, lost race):
 * the caller then takes the careful path, which explains why. One round trip instead of six,
 * and one commit for many sends, matter on the embedded database, where each statement costs a
 * trip through the engine. `db` must be the database, not a transaction.
 */
export function sendCustomFast(db: Executor, m: CustomSendRow): Promise<Sent> {
  const batcher = batcherOf(db, 'custom-send', () => new StatementBatcher<CustomSendRow, Sent>((l) => sendMany(db, l), (one) => sendOne(db, one), { maxBatch: 128, maxInFlight: 2 }));
  return batcher.submit(m);
}
