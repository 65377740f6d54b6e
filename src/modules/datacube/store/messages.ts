/**
 * Message analysis (getupstreammsg*) from the messaging module's conversation: the messages
 * followers sent (direction `in`, source `user`).
 */
import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { conversationMessages as m } from '../../messaging/schema.js';
import { caseOf, hourOf, NO_HOUR, type Period, periodOf } from './period.js';
import { MSG_TYPE_OF } from '../rules/codes.js';

/** WeChat's msg_type per message type (reference §12); other types are not counted. */
const MSG_TYPE: SQL<number> = caseOf(m.msgType, MSG_TYPE_OF, null);

const counted = (accountId: string, from: Date, to: Date) =>
  and(eq(m.accountId, accountId), eq(m.direction, 'in'), eq(m.source, 'user'), gte(m.createdAt, from), lt(m.createdAt, to), sql`${MSG_TYPE} is not null`);

export interface UpstreamRow {
  refDate: string;
  refHour?: number;
  msgType: number;
  msgUser: number;
  msgCount: number;
}

/** Messages and distinct senders per period (and China hour when `byHour`) and msg_type, in [from, to). */
export async function upstreamMessages(db: Executor, accountId: string, from: Date, to: Date, period: Period, byHour = false): Promise<UpstreamRow[]> {
  const refDate = periodOf(m.createdAt, period);
  const hour = byHour ? hourOf(m.createdAt) : NO_HOUR;
  const rows = await db
    .select({ refDate, hour, msgType: MSG_TYPE, msgUser: sql<number>`count(distinct ${m.openid})::int`, msgCount: sql<number>`count(*)::int` })
    .from(m)
    .where(counted(accountId, from, to))
    .groupBy(refDate, hour, MSG_TYPE)
    .orderBy(refDate, hour, MSG_TYPE);
  return rows.map((r) => ({
    refDate: r.refDate,
    ...(byHour ? { refHour: Number(r.hour) } : {}),
    msgType: Number(r.msgType),
    msgUser: Number(r.msgUser),
    msgCount: Number(r.msgCount),
  }));
}

/** How many messages each follower sent per period, in [from, to). */
export async function messagesPerSender(db: Executor, accountId: string, from: Date, to: Date, period: Period): Promise<Array<{ refDate: string; count: number }>> {
  const refDate = periodOf(m.createdAt, period);
  const rows = await db
    .select({ refDate, count: sql<number>`count(*)::int` })
    .from(m)
    .where(counted(accountId, from, to))
    .groupBy(refDate, m.openid);
  return rows.map((r) => ({ refDate: r.refDate, count: Number(r.count) }));
}

/** How many messages each follower sent over the whole of [from, to) (one count per sender). */
export async function messagesPerSenderInRange(db: Executor, accountId: string, from: Date, to: Date): Promise<number[]> {
  const rows = await db.select({ count: sql<number>`count(*)::int` }).from(m).where(counted(accountId, from, to)).groupBy(m.openid);
  return rows.map((r) => Number(r.count));
}
