import { and, desc, eq, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { mailOutbox } from './schema.js';

export type MailRow = typeof mailOutbox.$inferSelect;

/** SQL of the outbox. */

export async function insertMail(db: Executor, values: typeof mailOutbox.$inferInsert): Promise<MailRow> {
  const [row] = await db.insert(mailOutbox).values(values).returning();
  return row;
}

/**
 * Claims the next due mail (queued and due, or sending with an expired lease): one statement,
 * FOR UPDATE SKIP LOCKED, so two senders never take the same mail.
 */
export async function claimDueMail(db: Executor, now: Date, leaseUntil: Date): Promise<MailRow | undefined> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(or(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, now)), and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.leaseUntil, now))))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(mailOutbox)
    .set({ status: 'sending', leaseUntil: leaseUntil, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(sql`${mailOutbox.id} = (${due})`)
    .returning();
  return row;
}

/** Records an attempt's end: sent, queued again for `nextAttemptAt`, or failed for good. */
export async function settleMail(db: Executor, id: string, values: Partial<Pick<MailRow, 'status' | 'nextAttemptAt' | 'lastResult' | 'sentAt'>>): Promise<void> {
  await db.update(mailOutbox).set({ ...values, leaseUntil: null }).where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending')));
}

/** The newest mails first (the outbox page). */
export async function listMail(db: Executor, limit: number, to?: string): Promise<MailRow[]> {
  return db
    .select()
    .from(mailOutbox)
    .where(to ? sql`lower(${mailOutbox.toAddress}) = ${to.toLowerCase()}` : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit);
}
