import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accounts } from '../../accounts/schema.js';
import { conversationMessages } from '../schema.js';
import { follows } from '../../followers/schema.js';
import type { AccountRow } from '../../accounts/index.js';
import { notifyOf, placementOf, type Direction, type MessageContent, type MessageSource } from '../rules/conversation.js';
import { storable } from '../../callbacks/index.js';

/** SQL for conversations between followers and accounts (conversation_messages). */

/** A conversation_messages row. */
export type ConversationRow = typeof conversationMessages.$inferSelect;

/** A row with the account fields the phone shows next to it. */
export type ConversationEntry = ConversationRow & { appid: string; accountName: string; accountType: string };

/** A message to record. placement and notify follow the account's type. */
export interface NewConversationMessage {
  account: Pick<AccountRow, 'id' | 'type'>;
  userId: string;
  openid: string;
  direction: Direction;
  source: MessageSource;
  msgType: string;
  content: MessageContent;
  msgId?: string | null;
  kfAccount?: string | null;
  at: Date;
}

/** Records a conversation message (inside the transaction of the action that caused it). */
export async function insertConversationMessage(db: Executor, m: NewConversationMessage): Promise<ConversationRow> {
  const [row] = await db
    .insert(conversationMessages)
    .values({
      accountId: m.account.id,
      userId: m.userId,
      openid: m.openid,
      direction: m.direction,
      source: m.source,
      msgType: m.msgType,
      content: storable(m.content),
      msgId: m.msgId ?? null,
      kfAccount: m.kfAccount ?? null,
      placement: placementOf(m.account.type),
      notify: notifyOf(m.account.type, m.direction),
      createdAt: m.at,
    })
    .returning();
  return row;
}

/** The columns of a ConversationEntry: the message and the account it is with (join accounts). */
export const entryColumns = {
  id: conversationMessages.id,
  accountId: conversationMessages.accountId,
  userId: conversationMessages.userId,
  openid: conversationMessages.openid,
  direction: conversationMessages.direction,
  source: conversationMessages.source,
  msgType: conversationMessages.msgType,
  content: conversationMessages.content,
  msgId: conversationMessages.msgId,
  kfAccount: conversationMessages.kfAccount,
  placement: conversationMessages.placement,
  notify: conversationMessages.notify,
  readAt: conversationMessages.readAt,
  createdAt: conversationMessages.createdAt,
  appid: accounts.appid,
  accountName: accounts.name,
  accountType: accounts.type,
};

/** At most this many rows per page. */
export const MAX_CONVERSATION_PAGE = 500;

const clampLimit = (limit: number | undefined, fallback: number) => Math.max(1, Math.min(MAX_CONVERSATION_PAGE, Math.floor(limit ?? fallback) || fallback));

/**
 * A follower's conversation rows with id > `after`, oldest first (what a reconnecting phone
 * replays), optionally with one account only.
 */
export async function listUserConversation(
  db: Executor,
  userId: string,
  opts: { after?: number; accountId?: string; limit?: number } = {},
): Promise<ConversationEntry[]> {
  const after = Number.isSafeInteger(opts.after) && (opts.after ?? 0) > 0 ? (opts.after as number) : 0;
  const where = [eq(conversationMessages.userId, userId), gt(conversationMessages.id, after)];
  if (opts.accountId) where.push(eq(conversationMessages.accountId, opts.accountId));
  return db
    .select(entryColumns)
    .from(conversationMessages)
    .innerJoin(accounts, eq(accounts.id, conversationMessages.accountId))
    .where(and(...where))
    .orderBy(asc(conversationMessages.id))
    .limit(clampLimit(opts.limit, 200));
}

/** One conversation row with its account fields. */
export async function findConversationEntry(db: Executor, id: number): Promise<ConversationEntry | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const [row] = await db
    .select(entryColumns)
    .from(conversationMessages)
    .innerJoin(accounts, eq(accounts.id, conversationMessages.accountId))
    .where(eq(conversationMessages.id, id));
  return row;
}

/**
 * One follower's conversation with an account, for the console inbox: the newest `limit` rows
 * before `before` (or the newest of all), returned oldest first; or, with `after`, the rows
 * after it (polling for new ones).
 */
export async function listFollowerConversation(
  db: Executor,
  accountId: string,
  openid: string,
  opts: { before?: number; after?: number; limit?: number } = {},
): Promise<ConversationRow[]> {
  const limit = clampLimit(opts.limit, 50);
  const base = [eq(conversationMessages.accountId, accountId), eq(conversationMessages.openid, openid)];
  if (opts.after !== undefined) {
    return db
      .select()
      .from(conversationMessages)
      .where(and(...base, gt(conversationMessages.id, opts.after)))
      .orderBy(asc(conversationMessages.id))
      .limit(limit);
  }
  if (opts.before !== undefined) base.push(lt(conversationMessages.id, opts.before));
  const rows = await db
    .select()
    .from(conversationMessages)
    .where(and(...base))
    .orderBy(desc(conversationMessages.id))
    .limit(limit);
  return rows.reverse();
}

/** The newest conversation row id (0 when none): a phone connecting fresh can start from here. */
export async function latestConversationId(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${conversationMessages.id}), 0)` })
    .from(conversationMessages)
    .where(eq(conversationMessages.userId, userId));
  return Number(row?.id ?? 0);
}

/** The user behind an openid of an account (whether or not they still follow), for recording replies. */
export async function followerByOpenid(db: Executor, accountId: string, openid: string): Promise<{ userId: string; subscribed: boolean } | undefined> {
  const [row] = await db
    .select({ userId: follows.userId, subscribed: follows.subscribed })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.openid, openid)))
    .limit(1);
  return row;
}

/** The follower's message a push carried (by its MsgId), if the push was a message. */
export async function findInboundByMsgId(db: Executor, accountId: string, openid: string, msgId: string): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.accountId, accountId),
        eq(conversationMessages.openid, openid),
        eq(conversationMessages.msgId, msgId),
        eq(conversationMessages.direction, 'in'),
      ),
    )
    .limit(1);
  return row;
}

/** A conversation row from raw SQL or to_jsonb (snake_case keys), as drizzle would map it. */
export function conversationRowOf(r: Record<string, unknown>): ConversationRow {
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


/**
 * Records one outbound message for every current follower of an account in one statement (a
 * notice such as a newly linked mini program); returns the rows when there are at most
 * `returnAtMost` of them (for the phones), else only how many.
 */
export async function insertForEveryFollower(
  db: Executor,
  m: Pick<NewConversationMessage, 'account' | 'source' | 'msgType' | 'content' | 'at'>,
  returnAtMost: number,
): Promise<{ count: number; rows: ConversationRow[] | null }> {
  const result = await db.execute(sql`
    with added as (
      insert into conversation_messages (account_id, user_id, openid, direction, source, msg_type, content, placement, notify, created_at)
      select f.account_id, f.user_id, f.openid, 'out', ${m.source}::text, ${m.msgType}::text, ${JSON.stringify(storable(m.content))}::jsonb,
             ${placementOf(m.account.type)}::text, ${notifyOf(m.account.type, 'out')}::boolean, ${m.at.toISOString()}::timestamptz
      from follows f where f.account_id = ${m.account.id}::uuid and f.subscribed
      returning *
    )
    select (select count(*) from added)::int as n, coalesce((select jsonb_agg(to_jsonb(a)) from (select * from added limit ${returnAtMost + 1}::int) a), '[]'::jsonb) as rows`);
  const [r] = (result as unknown as { rows: Array<{ n: number; rows: unknown }> }).rows;
  const list = (typeof r.rows === 'string' ? JSON.parse(r.rows) : r.rows) as Array<Record<string, unknown>>;
  return { count: Number(r.n), rows: Number(r.n) <= returnAtMost ? list.map(conversationRowOf) : null };
}
