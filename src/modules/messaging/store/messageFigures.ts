import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { conversationMessages } from '../schema.js';

/** Messages followers sent the account between two instants ([from, to)). */
export async function countReceivedMessages(db: Executor, accountId: string, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.accountId, accountId),
        eq(conversationMessages.direction, 'in'),
        gte(conversationMessages.createdAt, from),
        lt(conversationMessages.createdAt, to),
      ),
    );
  return row?.n ?? 0;
}
