import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { conversationMessages, messageStars } from '../schema.js';
import { ANSWER_SOURCES, type MessageContent } from '../rules/conversation.js';

/**
 * SQL of 消息管理: an account's follower messages (direction in), newest first, with whether each
 * was starred and answered. "Answered" is read from the conversation itself: the first message
 * the account sent that follower after it, from any console page or API that answers (see
 * ANSWER_SOURCES), so the customer-service inbox and 消息管理 always agree.
 */

/** A follower message as 消息管理 lists it. */
export interface FollowerMessageRow {
  id: number;
  openid: string;
  msgType: string;
  content: MessageContent;
  createdAt: Date;
  starred: boolean;
  answeredAt: Date | null;
  answeredBy: string | null;
}

/** What to list: a time range, one follower, starred only, words in the message; a page before an id. */
export interface FollowerMessageFilter {
  from?: Date;
  to?: Date;
  openid?: string;
  starred?: boolean;
  q?: string;
  before?: number;
  limit: number;
}

/** LIKE pattern for text typed by a person: % and _ are matched as themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const m = conversationMessages;
const sources = sql.join(ANSWER_SOURCES.map((s) => sql`${s}`), sql`, `);
/** The first answer to a message: an outbound message to the same follower after it. */
const answer = (column: SQL) => sql`(select ${column} from ${conversationMessages} o
  where o.account_id = ${m.accountId} and o.openid = ${m.openid} and o.direction = 'out' and o.id > ${m.id} and o.source in (${sources})
  order by o.id limit 1)`;
/** The words a person could search for in a message, whatever its type. */
const searchable = sql`concat_ws(' ', ${m.content}->>'content', ${m.content}->>'title', ${m.content}->>'description', ${m.content}->>'label', ${m.content}->>'recognition')`;

/** One page of the account's follower messages, newest first. */
export async function listFollowerMessages(db: Executor, accountId: string, f: FollowerMessageFilter): Promise<FollowerMessageRow[]> {
  const where = [eq(m.accountId, accountId), eq(m.direction, 'in')];
  if (f.from) where.push(gte(m.createdAt, f.from));
  if (f.to) where.push(lt(m.createdAt, f.to));
  if (f.openid) where.push(eq(m.openid, f.openid));
  if (f.before !== undefined) where.push(lt(m.id, f.before));
  if (f.starred) where.push(sql`${messageStars.messageId} is not null`);
  if (f.q) where.push(sql`${searchable} ilike ${likePattern(f.q)}`);
  const rows = await db
    .select({
      id: m.id,
      openid: m.openid,
      msgType: m.msgType,
      content: m.content,
      createdAt: m.createdAt,
      starred: sql<boolean>`${messageStars.messageId} is not null`,
      answeredAt: sql<Date | string | null>`${answer(sql`o.created_at`)}`,
      answeredBy: sql<string | null>`${answer(sql`o.source`)}`,
    })
    .from(m)
    .leftJoin(messageStars, eq(messageStars.messageId, m.id))
    .where(and(...where))
    .orderBy(desc(m.id))
    .limit(f.limit);
  return rows.map((r) => ({
    ...r,
    content: r.content as MessageContent,
    starred: r.starred === true || (r.starred as unknown) === 't',
    answeredAt: r.answeredAt ? new Date(r.answeredAt) : null,
  }));
}

/** A follower message of this account (undefined for anything else, replies included). */
export async function findFollowerMessage(db: Executor, accountId: string, id: number): Promise<{ id: number; openid: string; createdAt: Date } | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const [row] = await db
    .select({ id: m.id, openid: m.openid, createdAt: m.createdAt })
    .from(m)
    .where(and(eq(m.id, id), eq(m.accountId, accountId), eq(m.direction, 'in')))
    .limit(1);
  return row;
}

/** Stars or unstars a follower message (idempotent). */
export async function setMessageStar(db: Executor, accountId: string, messageId: number, starred: boolean, at: Date): Promise<void> {
  if (starred) {
    await db.insert(messageStars).values({ messageId, accountId, starredAt: at }).onConflictDoNothing();
  } else {
    await db.delete(messageStars).where(and(eq(messageStars.messageId, messageId), eq(messageStars.accountId, accountId)));
  }
}
