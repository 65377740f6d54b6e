import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { kfRecords } from '../schema.js';

/** SQL for the customer-service history (kf_records, read by msgrecord/getmsglist). */

export type KfRecordRow = typeof kfRecords.$inferSelect;

/** One history record to write; `at` is platform time. */
export interface NewKfRecord {
  accountId: string;
  openid: string;
  opercode: number;
  text?: string;
  worker?: string | null;
  at: Date;
}

/** PostgreSQL text cannot hold NUL; a message carrying one is kept without it. */
const withoutNul = (s: string) => s.replaceAll('\u0000', '');

/** Appends one record to the customer-service history. */
export async function insertKfRecord(db: Executor, r: NewKfRecord): Promise<void> {
  await db.insert(kfRecords).values({
    accountId: r.accountId,
    openid: r.openid,
    opercode: r.opercode,
    text: withoutNul(r.text ?? ''),
    worker: withoutNul(r.worker ?? ''),
    createdAt: r.at,
  });
}

/**
 * Records of an account between two instants (both included), in id order. `fromId` starts at
 * that record id (getmsglist's msgid cursor); `offset` skips records (getrecord's pages).
 */
export async function listKfRecords(
  db: Executor,
  accountId: string,
  q: { from: Date; to: Date; fromId?: number; openid?: string; limit: number; offset?: number },
): Promise<KfRecordRow[]> {
  const conditions = [eq(kfRecords.accountId, accountId), gte(kfRecords.createdAt, q.from), lte(kfRecords.createdAt, q.to)];
  if (q.fromId !== undefined) conditions.push(gte(kfRecords.id, q.fromId));
  if (q.openid !== undefined) conditions.push(eq(kfRecords.openid, q.openid));
  return db
    .select()
    .from(kfRecords)
    .where(and(...conditions))
    .orderBy(asc(kfRecords.id))
    .limit(q.limit)
    .offset(q.offset ?? 0);
}
