import { sql } from 'drizzle-orm';
import type { Executor } from '../db/connect.js';
import type { AccountRow } from './accounts.js';
import type { ConversationRow } from './conversations.js';
import { storable } from './deliveries.js';
import { notifyOf, placementOf, type MessageContent } from '../domain/conversation.js';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** The message of an account to a follower as message/custom/send records it. */
export interface CustomSendRow {
  account: Pick<AccountRow, 'id' | 'type'>;
  openid: string;
  msgType: string;
  content: MessageContent;
  at: Date;
}

/**
 * The whole of a customer-service send in one call of herald_custom_send (migration 0004): finds
 * the subscribed follower, takes one message from the open window with room that closes soonest
 * (re-checked under the row lock) and records the message. Returns the row, or undefined when any step did not hold (unknown or
 * unsubscribed follower, no window, lost race): the caller then takes the careful path, which
 * explains why. One round trip instead of six matters on the embedded database, where each
 * statement costs a trip through the engine.
 */
export async function sendCustomFast(db: Executor, m: CustomSendRow): Promise<ConversationRow | undefined> {
  const at = m.at.toISOString();
  const result = await db.execute(sql`
    select * from herald_custom_send(${m.account.id}::uuid, ${m.openid}, ${m.msgType}, ${JSON.stringify(storable(m.content))}::jsonb,
      ${placementOf(m.account.type)}, ${notifyOf(m.account.type, 'out')}, ${at}::timestamptz)`);
  const r = rowsOf<Record<string, unknown>>(result)[0];
  if (!r) return undefined;
  return {
    id: Number(r.id),
    accountId: String(r.account_id),
    userId: String(r.user_id),
    openid: String(r.openid),
    direction: String(r.direction),
    source: String(r.source),
    msgType: String(r.msg_type),
    content: (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as ConversationRow['content'],
    msgId: (r.msg_id as string | null) ?? null,
    kfAccount: (r.kf_account as string | null) ?? null,
    placement: String(r.placement),
    notify: r.notify === true || r.notify === 't',
    readAt: r.read_at ? new Date(r.read_at as string) : null,
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at as string),
  };
}
