/** All SQL of template messages: industries, private templates, sent messages, blocks. */
import { and, count, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { blacklist } from '../followers/schema.js';
import { privateTemplates, templateBlocks, templateIndustries, templateMessages } from './schema.js';

export type IndustryRow = typeof templateIndustries.$inferSelect;
export type PrivateTemplateRow = typeof privateTemplates.$inferSelect;
export type TemplateMessageRow = typeof templateMessages.$inferSelect;

/** Serialises one kind of template change per account for the rest of the transaction. */
export async function lockTemplates(tx: Tx, scope: 'industry' | 'templates' | 'send', key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`template_${scope}:${key}`}))`);
}

export async function findIndustries(db: Executor, accountId: string): Promise<IndustryRow | undefined> {
  const [row] = await db.select().from(templateIndustries).where(eq(templateIndustries.accountId, accountId));
  return row;
}

export async function saveIndustries(db: Executor, accountId: string, industryId1: number, industryId2: number, at: Date): Promise<void> {
  await db
    .insert(templateIndustries)
    .values({ accountId, industryId1, industryId2, changedAt: at })
    .onConflictDoUpdate({ target: templateIndustries.accountId, set: { industryId1, industryId2, changedAt: at } });
}

export async function countPrivateTemplates(db: Executor, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(privateTemplates).where(eq(privateTemplates.accountId, accountId));
  return Number(row?.n ?? 0);
}

export async function insertPrivateTemplate(db: Executor, row: typeof privateTemplates.$inferInsert): Promise<void> {
  await db.insert(privateTemplates).values(row);
}

/** An account's templates, oldest first (the order WeChat lists them). */
export async function listPrivateTemplates(db: Executor, accountId: string): Promise<PrivateTemplateRow[]> {
  return db.select().from(privateTemplates).where(eq(privateTemplates.accountId, accountId)).orderBy(privateTemplates.createdAt, privateTemplates.templateId);
}

export async function findPrivateTemplate(db: Executor, accountId: string, templateId: string): Promise<PrivateTemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(privateTemplates)
    .where(and(eq(privateTemplates.accountId, accountId), eq(privateTemplates.templateId, templateId)));
  return row;
}

/** Deletes a template; false when the account has none with this id. */
export async function deletePrivateTemplate(db: Executor, accountId: string, templateId: string): Promise<boolean> {
  const rows = await db
    .delete(privateTemplates)
    .where(and(eq(privateTemplates.accountId, accountId), eq(privateTemplates.templateId, templateId)))
    .returning({ id: privateTemplates.templateId });
  return rows.length > 0;
}

/** The message already sent to this openid with this client_msg_id since `since`, if any. */
export async function findByClientMsgId(db: Executor, accountId: string, openid: string, clientMsgId: string, since: Date): Promise<TemplateMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(templateMessages)
    .where(
      and(
        eq(templateMessages.accountId, accountId),
        eq(templateMessages.openid, openid),
        eq(templateMessages.clientMsgId, clientMsgId),
        gt(templateMessages.createdAt, since),
      ),
    )
    .orderBy(desc(templateMessages.createdAt))
    .limit(1);
  return row;
}

export async function insertTemplateMessage(db: Executor, row: Omit<typeof templateMessages.$inferInsert, 'msgid'>): Promise<bigint> {
  const [inserted] = await db.insert(templateMessages).values(row).returning({ msgid: templateMessages.msgid });
  return inserted.msgid;
}

/** An account's sent template messages, newest first, before `beforeMsgid` when given. */
export async function listTemplateMessages(db: Executor, accountId: string, limit: number, beforeMsgid?: bigint): Promise<TemplateMessageRow[]> {
  return db
    .select()
    .from(templateMessages)
    .where(and(eq(templateMessages.accountId, accountId), beforeMsgid !== undefined ? lt(templateMessages.msgid, beforeMsgid) : undefined))
    .orderBy(desc(templateMessages.msgid))
    .limit(limit);
}

/** Whether a follower turned off the account's template messages. */
export async function isBlocked(db: Executor, accountId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: templateBlocks.userId })
    .from(templateBlocks)
    .where(and(eq(templateBlocks.accountId, accountId), eq(templateBlocks.userId, userId)));
  return row !== undefined;
}

export async function setBlocked(db: Executor, accountId: string, userId: string, blocked: boolean, at: Date): Promise<void> {
  if (blocked) await db.insert(templateBlocks).values({ accountId, userId, createdAt: at }).onConflictDoNothing();
  else await db.delete(templateBlocks).where(and(eq(templateBlocks.accountId, accountId), eq(templateBlocks.userId, userId)));
}

/** Whether the account blacklisted this openid. */
export async function isBlacklisted(db: Executor, accountId: string, openid: string): Promise<boolean> {
  const [row] = await db
    .select({ openid: blacklist.openid })
    .from(blacklist)
    .where(and(eq(blacklist.accountId, accountId), eq(blacklist.openid, openid)));
  return row !== undefined;
}
