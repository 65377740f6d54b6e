/** All SQL of subscribe notifications: the account's templates, consents, sent messages. */
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { accounts } from '../accounts/schema.js';
import { subscribeCategoryChoices, subscribeConsents, subscribeMessages, subscribeTemplates } from './schema.js';

export type SubscribeTemplateRow = typeof subscribeTemplates.$inferSelect;
export type SubscribeConsentRow = typeof subscribeConsents.$inferSelect;
export type SubscribeMessageRow = typeof subscribeMessages.$inferSelect;

/** Serialises one kind of change per key for the rest of the transaction. */
export async function lockSubscribe(tx: Tx, scope: 'templates' | 'consent' | 'categories', key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`subscribe_${scope}:${key}`}))`);
}

export async function countSubscribeTemplates(db: Executor, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(subscribeTemplates).where(eq(subscribeTemplates.accountId, accountId));
  return Number(row?.n ?? 0);
}

export async function insertSubscribeTemplate(db: Executor, row: SubscribeTemplateRow): Promise<void> {
  await db.insert(subscribeTemplates).values(row);
}

/** An account's subscribe templates, oldest first. */
export async function listSubscribeTemplates(db: Executor, accountId: string): Promise<SubscribeTemplateRow[]> {
  return db.select().from(subscribeTemplates).where(eq(subscribeTemplates.accountId, accountId)).orderBy(subscribeTemplates.createdAt, subscribeTemplates.priTmplId);
}

export async function findSubscribeTemplate(db: Executor, accountId: string, priTmplId: string): Promise<SubscribeTemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(subscribeTemplates)
    .where(and(eq(subscribeTemplates.accountId, accountId), eq(subscribeTemplates.priTmplId, priTmplId)));
  return row;
}

/** The account's templates among these ids (unknown ids are left out). */
export async function findSubscribeTemplates(db: Executor, accountId: string, priTmplIds: readonly string[]): Promise<SubscribeTemplateRow[]> {
  if (priTmplIds.length === 0) return [];
  return db
    .select()
    .from(subscribeTemplates)
    .where(and(eq(subscribeTemplates.accountId, accountId), inArray(subscribeTemplates.priTmplId, [...priTmplIds])));
}

/** Deletes a template; false when the account has none with this id. */
export async function deleteSubscribeTemplate(db: Executor, accountId: string, priTmplId: string): Promise<boolean> {
  const rows = await db
    .delete(subscribeTemplates)
    .where(and(eq(subscribeTemplates.accountId, accountId), eq(subscribeTemplates.priTmplId, priTmplId)))
    .returning({ id: subscribeTemplates.priTmplId });
  return rows.length > 0;
}

/** A user's consent to one template, locked for the rest of the transaction. */
export async function findConsentLocked(db: Executor, accountId: string, openid: string, templateId: string): Promise<SubscribeConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(subscribeConsents)
    .where(and(eq(subscribeConsents.accountId, accountId), eq(subscribeConsents.openid, openid), eq(subscribeConsents.templateId, templateId)))
    .for('update');
  return row;
}

/** Adds one one-time consent, or makes the consent long-term. */
export async function grantConsent(db: Executor, row: { accountId: string; openid: string; templateId: string; userId: string; longTerm: boolean; at: Date }): Promise<void> {
  await db
    .insert(subscribeConsents)
    .values({ accountId: row.accountId, openid: row.openid, templateId: row.templateId, userId: row.userId, remaining: row.longTerm ? 0 : 1, longTerm: row.longTerm, updatedAt: row.at })
    .onConflictDoUpdate({
      target: [subscribeConsents.accountId, subscribeConsents.openid, subscribeConsents.templateId],
      set: row.longTerm
        ? { longTerm: true, updatedAt: row.at }
        : { remaining: sql`least(${subscribeConsents.remaining} + 1, 1000)`, updatedAt: row.at },
    });
}

/** Withdraws a user's consents to these templates (a refusal, or 服务通知's switch turned off). */
export async function revokeConsents(db: Executor, accountId: string, openid: string, templateIds: readonly string[]): Promise<void> {
  if (templateIds.length === 0) return;
  await db
    .delete(subscribeConsents)
    .where(and(eq(subscribeConsents.accountId, accountId), eq(subscribeConsents.openid, openid), inArray(subscribeConsents.templateId, [...templateIds])));
}

/** Uses one one-time consent (long-term ones are not used up). */
export async function useConsent(db: Executor, c: SubscribeConsentRow, at: Date): Promise<void> {
  if (c.longTerm) return;
  await db
    .update(subscribeConsents)
    .set({ remaining: sql`${subscribeConsents.remaining} - 1`, updatedAt: at })
    .where(and(eq(subscribeConsents.accountId, c.accountId), eq(subscribeConsents.openid, c.openid), eq(subscribeConsents.templateId, c.templateId)));
}

/** A user's consents with one account. */
export async function listConsents(db: Executor, accountId: string, openid: string): Promise<SubscribeConsentRow[]> {
  return db
    .select()
    .from(subscribeConsents)
    .where(and(eq(subscribeConsents.accountId, accountId), eq(subscribeConsents.openid, openid)))
    .orderBy(subscribeConsents.templateId);
}

export async function insertSubscribeMessage(db: Executor, row: Omit<typeof subscribeMessages.$inferInsert, 'msgid'>): Promise<bigint> {
  const [inserted] = await db.insert(subscribeMessages).values(row).returning({ msgid: subscribeMessages.msgid });
  return inserted.msgid;
}

/** How many notifications each of an account's templates sent. */
export async function countSentByTemplate(db: Executor, accountId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ templateId: subscribeMessages.templateId, n: count() })
    .from(subscribeMessages)
    .where(eq(subscribeMessages.accountId, accountId))
    .groupBy(subscribeMessages.templateId);
  return new Map(rows.map((r) => [r.templateId, Number(r.n)]));
}

/** The notifications a user received, newest first, before `beforeMsgid` when given; `place` narrows to chat or 服务通知. */
export async function listUserSubscribeMessages(
  db: Executor,
  userId: string,
  opts: { limit: number; before?: bigint; place?: string; accountId?: string },
): Promise<SubscribeMessageRow[]> {
  return db
    .select()
    .from(subscribeMessages)
    .where(
      and(
        eq(subscribeMessages.userId, userId),
        opts.before !== undefined ? lt(subscribeMessages.msgid, opts.before) : undefined,
        opts.place ? eq(subscribeMessages.place, opts.place) : undefined,
        opts.accountId ? eq(subscribeMessages.accountId, opts.accountId) : undefined,
      ),
    )
    .orderBy(desc(subscribeMessages.msgid))
    .limit(opts.limit);
}

/** A notification in 服务通知, with the account it came from. */
export type ServiceNotificationRow = SubscribeMessageRow & { appid: string; accountName: string; avatarMediaId: string | null };

/** A user's 服务通知: notifications received without following, newest first. */
export async function listServiceNotifications(db: Executor, userId: string, opts: { limit: number; before?: bigint }): Promise<ServiceNotificationRow[]> {
  const rows = await db
    .select({ m: subscribeMessages, appid: accounts.appid, accountName: accounts.name, avatarMediaId: accounts.avatarMediaId })
    .from(subscribeMessages)
    .innerJoin(accounts, eq(accounts.id, subscribeMessages.accountId))
    .where(and(eq(subscribeMessages.userId, userId), eq(subscribeMessages.place, 'service'), opts.before !== undefined ? lt(subscribeMessages.msgid, opts.before) : undefined))
    .orderBy(desc(subscribeMessages.msgid))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r.m, appid: r.appid, accountName: r.accountName, avatarMediaId: r.avatarMediaId }));
}

export type CategoryChoiceRow = typeof subscribeCategoryChoices.$inferSelect;

/** The account's chosen service categories; undefined when it never chose. */
export async function findCategoryChoice(db: Executor, accountId: string): Promise<CategoryChoiceRow | undefined> {
  const [r] = await db.select().from(subscribeCategoryChoices).where(eq(subscribeCategoryChoices.accountId, accountId)).limit(1);
  return r;
}

export async function saveCategoryChoice(db: Executor, row: CategoryChoiceRow): Promise<void> {
  await db
    .insert(subscribeCategoryChoices)
    .values(row)
    .onConflictDoUpdate({ target: subscribeCategoryChoices.accountId, set: { categoryIds: row.categoryIds, month: row.month, changes: row.changes, updatedAt: row.updatedAt } });
}
