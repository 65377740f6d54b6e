import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { autoReplies } from './schema.js';
import type { AutoReply, AutoReplyKind, AutoReplyRule, Keyword, KeywordRuleInput, ReplyMode, ReplySetInput } from './rules.js';

/**
 * SQL for auto-reply rules (auto_replies).
 *
 * Priority: keyword rules answer in `created_at` order (then id). The table has no position
 * column, so reordering rewrites `created_at` to the new order; the timestamps therefore mean
 * "priority", and nothing presents them as creation times.
 */

type Row = typeof autoReplies.$inferSelect;

const toRule = (r: Row): AutoReplyRule => ({
  id: r.id,
  kind: r.kind as AutoReplyKind,
  name: r.name,
  keywords: (r.keywords ?? []) as Keyword[],
  replyMode: r.replyMode as ReplyMode,
  replies: r.replies as AutoReply[],
  enabled: r.enabled,
});

/** Serialises rule changes of one account (the 200-rule limit, one subscribe and one default rule). */
export async function lockAutoReplies(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`auto_replies:${accountId}`}))`);
}

/**
 * Every auto-reply rule of an account in priority order: what the message pipeline passes to
 * matchAutoReply. Subscribe and default rules are included (at most one of each).
 */
export async function loadAutoReplyRules(db: Executor, accountId: string): Promise<AutoReplyRule[]> {
  const rows = await db
    .select()
    .from(autoReplies)
    .where(eq(autoReplies.accountId, accountId))
    .orderBy(asc(autoReplies.createdAt), asc(autoReplies.id));
  return rows.map(toRule);
}

/** How many keyword rules the account has (the 200-rule limit). */
export async function countKeywordRules(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.kind, 'keyword')));
  return Number(row?.n ?? 0);
}

/** The ids of the account's keyword rules in priority order. */
export async function keywordRuleIds(db: Executor, accountId: string): Promise<number[]> {
  const rows = await db
    .select({ id: autoReplies.id })
    .from(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.kind, 'keyword')))
    .orderBy(asc(autoReplies.createdAt), asc(autoReplies.id));
  return rows.map((r) => r.id);
}

/** The latest priority stamp of the account's keyword rules. */
async function lastKeywordStamp(db: Executor, accountId: string): Promise<Date | null> {
  const [row] = await db
    .select({ top: max(autoReplies.createdAt) })
    .from(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.kind, 'keyword')));
  return row?.top ?? null;
}

/** Adds a keyword rule after every existing one (even if the clock was set back). */
export async function insertKeywordRule(db: Executor, accountId: string, input: KeywordRuleInput, now: Date): Promise<AutoReplyRule> {
  const last = await lastKeywordStamp(db, accountId);
  const stamp = last && last.getTime() >= now.getTime() ? new Date(last.getTime() + 1) : now;
  const [row] = await db
    .insert(autoReplies)
    .values({
      accountId,
      kind: 'keyword',
      name: input.name,
      keywords: input.keywords,
      replyMode: input.replyMode,
      replies: input.replies,
      enabled: input.enabled,
      createdAt: stamp,
    })
    .returning();
  return toRule(row);
}

/** Replaces a keyword rule's content (its priority stays). Undefined when the account has no such rule. */
export async function updateKeywordRule(db: Executor, accountId: string, id: number, input: KeywordRuleInput): Promise<AutoReplyRule | undefined> {
  const [row] = await db
    .update(autoReplies)
    .set({ name: input.name, keywords: input.keywords, replyMode: input.replyMode, replies: input.replies, enabled: input.enabled })
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.id, id), eq(autoReplies.kind, 'keyword')))
    .returning();
  return row ? toRule(row) : undefined;
}

/** Deletes a keyword rule; false when the account has no such rule. */
export async function deleteKeywordRule(db: Executor, accountId: string, id: number): Promise<boolean> {
  const rows = await db
    .delete(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.id, id), eq(autoReplies.kind, 'keyword')))
    .returning({ id: autoReplies.id });
  return rows.length > 0;
}

/**
 * Puts the keyword rules in the order of `ids` (every keyword rule of the account, once): the
 * first keeps the earliest stamp, each next one a millisecond later.
 */
export async function setKeywordRuleOrder(db: Executor, accountId: string, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const [row] = await db
    .select({ first: sql<Date>`min(${autoReplies.createdAt})`.mapWith(autoReplies.createdAt) })
    .from(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), inArray(autoReplies.id, [...ids])));
  const base = (row?.first ?? new Date(0)).getTime();
  for (const [i, id] of ids.entries()) {
    await db
      .update(autoReplies)
      .set({ createdAt: new Date(base + i) })
      .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.id, id)));
  }
}

/** The subscribe or default rule of an account. */
export async function findReplySet(db: Executor, accountId: string, kind: 'subscribe' | 'default'): Promise<AutoReplyRule | undefined> {
  const [row] = await db
    .select()
    .from(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.kind, kind)))
    .orderBy(asc(autoReplies.id))
    .limit(1);
  return row ? toRule(row) : undefined;
}

/** Sets the subscribe or default rule (one per account: run under lockAutoReplies). */
export async function putReplySet(
  db: Executor,
  accountId: string,
  kind: 'subscribe' | 'default',
  input: ReplySetInput,
  now: Date,
): Promise<AutoReplyRule> {
  const current = await findReplySet(db, accountId, kind);
  if (current) {
    const [row] = await db
      .update(autoReplies)
      .set({ replies: input.replies, enabled: input.enabled })
      .where(eq(autoReplies.id, current.id))
      .returning();
    return toRule(row);
  }
  const [row] = await db
    .insert(autoReplies)
    .values({ accountId, kind, name: '', keywords: [], replyMode: 'all', replies: input.replies, enabled: input.enabled, createdAt: now })
    .returning();
  return toRule(row);
}

/** Removes the subscribe or default rule; false when there was none. */
export async function deleteReplySet(db: Executor, accountId: string, kind: 'subscribe' | 'default'): Promise<boolean> {
  const rows = await db
    .delete(autoReplies)
    .where(and(eq(autoReplies.accountId, accountId), eq(autoReplies.kind, kind)))
    .returning({ id: autoReplies.id });
  return rows.length > 0;
}

/**
 * Whether an auto-reply of the account (image replies, mini-program thumbnails) names this
 * media_id: such a material cannot be deleted (registered with the media module in the manifest's
 * `connect`).
 */
export async function autoReplyNamesMedia(db: Executor, accountId: string, mediaId: string): Promise<boolean> {
  const vars = JSON.stringify({ id: mediaId });
  const [reply] = await db
    .select({ id: autoReplies.id })
    .from(autoReplies)
    .where(and(
      eq(autoReplies.accountId, accountId),
      sql`jsonb_path_exists(${autoReplies.replies}, '$.** ? (@.media_id == $id || @.thumb_media_id == $id)', ${vars}::jsonb)`,
    ))
    .limit(1);
  return reply !== undefined;
}
