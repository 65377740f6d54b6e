import { and, asc, count, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articleComments, commentLikes } from '../schema.js';
import { followerUsers, follows } from '../../followers/schema.js';

/**
 * SQL for reader comments on articles. `articles.comment_count` counts the comments not deleted
 * and changes in the same statement as the comment it counts.
 */

export type CommentRow = typeof articleComments.$inferSelect;

/** A comment with its author as a reader sees them. */
export interface CommentView extends CommentRow {
  nickname: string;
  avatarUrl: string;
  /** Whether the reader looking liked it. */
  liked?: boolean;
}

const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: T[] }).rows ?? (res as T[]));

/** Adds a comment and counts it. Returns the comment. */
export async function insertComment(db: Executor, input: { articleId: string; userId: string; content: string; now: Date }): Promise<CommentRow> {
  const res = await db.execute(sql`
    with c as (
      insert into article_comments (article_id, user_id, content, created_at)
      values (${input.articleId}, ${input.userId}::uuid, ${input.content}, ${input.now.toISOString()}::timestamptz)
      returning id
    ), counted as (
      update articles set comment_count = comment_count + 1 where id = ${input.articleId}
    )
    select c.id from c`);
  const id = Number(rowsOf<{ id: number | string }>(res)[0].id);
  const [row] = await db.select().from(articleComments).where(eq(articleComments.id, id));
  return row;
}

/** One comment of an article (deleted ones included); undefined when it is not the article's. */
export async function findComment(db: Executor, articleId: string, id: number): Promise<CommentRow | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const [row] = await db.select().from(articleComments).where(and(eq(articleComments.id, id), eq(articleComments.articleId, articleId)));
  return row;
}

/** Marks a comment deleted and uncounts it (only once). Returns whether it changed. */
export async function deleteComment(db: Executor, articleId: string, id: number): Promise<boolean> {
  const res = await db.execute(sql`
    with d as (
      update article_comments set deleted = true, elected = false, pinned = false
      where id = ${id} and article_id = ${articleId} and not deleted returning 1
    )
    update articles set comment_count = greatest(0, comment_count - (select count(*) from d)::int)
    where id = ${articleId} returning (select count(*) from d) as changed`);
  return Number(rowsOf<{ changed: number | string }>(res)[0]?.changed ?? 0) > 0;
}

/** Features (elects) a comment or takes it back. */
export async function setElected(db: Executor, id: number, elected: boolean): Promise<void> {
  await db.update(articleComments).set({ elected }).where(eq(articleComments.id, id));
}

/**
 * Sets the account's reply to a comment that has none, or clears an existing reply. Returns
 * whether it changed (false: a reply was already there, or there was none to clear).
 */
export async function setReply(db: Executor, id: number, reply: { content: string; at: Date } | null): Promise<boolean> {
  const rows = await db
    .update(articleComments)
    .set({ replyContent: reply?.content ?? null, replyAt: reply?.at ?? null })
    .where(and(eq(articleComments.id, id), reply ? isNull(articleComments.replyContent) : isNotNull(articleComments.replyContent)))
    .returning({ id: articleComments.id });
  return rows.length > 0;
}

/** How many comments of an article are featured. */
export async function countElected(db: Executor, articleId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(articleComments)
    .where(and(eq(articleComments.articleId, articleId), eq(articleComments.elected, true), eq(articleComments.deleted, false)));
  return Number(row?.n ?? 0);
}

/**
 * What one reader sees under an article: the featured comments and their own, the pinned one
 * first, then newest first.
 * Without a reader (the public page), only featured ones.
 */
export async function listVisibleComments(db: Executor, articleId: string, userId: string | null, limit = 100): Promise<CommentView[]> {
  const visible = userId ? or(eq(articleComments.elected, true), eq(articleComments.userId, userId)) : eq(articleComments.elected, true);
  const rows = await db
    .select({ c: articleComments, nickname: followerUsers.nickname, avatarUrl: followerUsers.avatarUrl, likedAt: commentLikes.createdAt })
    .from(articleComments)
    .innerJoin(followerUsers, eq(followerUsers.id, articleComments.userId))
    .leftJoin(commentLikes, and(eq(commentLikes.commentId, articleComments.id), userId ? eq(commentLikes.userId, userId) : sql`false`))
    .where(and(eq(articleComments.articleId, articleId), eq(articleComments.deleted, false), visible))
    .orderBy(desc(articleComments.pinned), desc(articleComments.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, nickname: r.nickname, avatarUrl: r.avatarUrl, liked: r.likedAt !== null }));
}

/** comment/list's type: 0 all, 1 normal (not featured), 2 featured. */
export type CommentListType = 0 | 1 | 2;

function typeFilter(type: CommentListType) {
  return type === 1 ? eq(articleComments.elected, false) : type === 2 ? eq(articleComments.elected, true) : undefined;
}

/** A page of an article's comments (not deleted) for the account, oldest first, with each author's openid. */
export async function listCommentsForAccount(
  db: Executor,
  input: { accountId: string; articleId: string; type: CommentListType; begin: number; count: number },
): Promise<{ total: number; rows: (CommentRow & { openid: string })[] }> {
  const where = and(eq(articleComments.articleId, input.articleId), eq(articleComments.deleted, false), typeFilter(input.type));
  const [total] = await db.select({ n: count() }).from(articleComments).where(where);
  const rows = await db
    .select({ c: articleComments, openid: follows.openid })
    .from(articleComments)
    .leftJoin(follows, and(eq(follows.accountId, input.accountId), eq(follows.userId, articleComments.userId)))
    .where(where)
    .orderBy(asc(articleComments.id))
    .offset(input.begin)
    .limit(input.count);
  return { total: Number(total?.n ?? 0), rows: rows.map((r) => ({ ...r.c, openid: r.openid ?? '' })) };
}
