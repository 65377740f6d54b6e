import { and, desc, eq, ilike, lt, or, sql, count } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { articleComments, commentBlocks, commentDefaults } from '../schema.js';
import { articles } from '../../articles/schema.js';
import { followerUsers, follows } from '../../followers/schema.js';
import type { CommentRow } from './articleComments.js';

/**
 * SQL for the account's side of comments (留言管理): the list across articles, pinning, the
 * commenters it has blocked and its defaults for new articles.
 */

const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: T[] }).rows ?? (res as T[]));

/** Which comments the console lists: all, featured (精选) or not featured. */
export type CommentFilter = 'all' | 'featured' | 'normal';

/** A comment with its article and commenter, as the console lists it. */
export interface ManagedComment extends CommentRow {
  articleTitle: string;
  nickname: string;
  avatarUrl: string;
  openid: string | null;
  blocked: boolean;
}

/** `%`, `_` and `\` match themselves in a search. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of the account's comments (not deleted), newest first, before the comment id `before`:
 * optionally of one article, featured or not, and matching `q` in the text or the commenter's name.
 */
export async function listAccountComments(
  db: Executor,
  input: { accountId: string; articleId?: string; filter: CommentFilter; q?: string; before?: number; limit: number },
): Promise<ManagedComment[]> {
  const where = and(
    eq(articles.accountId, input.accountId),
    eq(articleComments.deleted, false),
    input.articleId ? eq(articleComments.articleId, input.articleId) : undefined,
    input.filter === 'featured' ? eq(articleComments.elected, true) : input.filter === 'normal' ? eq(articleComments.elected, false) : undefined,
    input.q ? or(ilike(articleComments.content, likePattern(input.q)), ilike(followerUsers.nickname, likePattern(input.q))) : undefined,
    input.before ? lt(articleComments.id, input.before) : undefined,
  );
  const rows = await db
    .select({
      c: articleComments,
      articleTitle: articles.title,
      nickname: followerUsers.nickname,
      avatarUrl: followerUsers.avatarUrl,
      openid: follows.openid,
      blockedAt: commentBlocks.createdAt,
    })
    .from(articleComments)
    .innerJoin(articles, eq(articles.id, articleComments.articleId))
    .innerJoin(followerUsers, eq(followerUsers.id, articleComments.userId))
    .leftJoin(follows, and(eq(follows.accountId, articles.accountId), eq(follows.userId, articleComments.userId)))
    .leftJoin(commentBlocks, and(eq(commentBlocks.accountId, articles.accountId), eq(commentBlocks.userId, articleComments.userId)))
    .where(where)
    .orderBy(desc(articleComments.id))
    .limit(input.limit);
  return rows.map((r) => ({ ...r.c, articleTitle: r.articleTitle, nickname: r.nickname, avatarUrl: r.avatarUrl, openid: r.openid ?? null, blocked: r.blockedAt !== null }));
}

/** The account's published articles with their comment settings and counts, newest first. */
export async function listCommentedArticles(db: Executor, accountId: string, limit = 200) {
  return db
    .select({
      id: articles.id,
      title: articles.title,
      publishedAt: articles.publishedAt,
      needOpenComment: articles.needOpenComment,
      onlyFansCanComment: articles.onlyFansCanComment,
      commentCount: articles.commentCount,
    })
    .from(articles)
    .where(and(eq(articles.accountId, accountId), eq(articles.isDeleted, false), sql`${articles.publishedAt} is not null`))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/** Pins one comment of its article and unpins the others (one pinned comment per article), or unpins it. */
export async function setPinned(db: Executor, articleId: string, id: number, pinned: boolean): Promise<void> {
  if (pinned) {
    await db.execute(sql`update article_comments set pinned = (id = ${id}) where article_id = ${articleId} and (pinned or id = ${id})`);
  } else {
    await db.update(articleComments).set({ pinned: false }).where(eq(articleComments.id, id));
  }
}

/** Changes the text of an existing reply. Returns whether there was one. */
export async function updateReply(db: Executor, id: number, content: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(articleComments)
    .set({ replyContent: content, replyAt: at })
    .where(and(eq(articleComments.id, id), sql`${articleComments.replyContent} is not null`))
    .returning({ id: articleComments.id });
  return rows.length > 0;
}

/** Whether the account has blocked this reader from commenting. */
export async function isBlocked(db: Executor, accountId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(commentBlocks).where(and(eq(commentBlocks.accountId, accountId), eq(commentBlocks.userId, userId)));
  return Number(row?.n ?? 0) > 0;
}

/** Blocks a reader (idempotent). */
export async function addBlock(db: Executor, accountId: string, userId: string, now: Date): Promise<void> {
  await db.insert(commentBlocks).values({ accountId, userId, createdAt: now }).onConflictDoNothing();
}

/** Unblocks a reader. Returns whether they were blocked. */
export async function removeBlock(db: Executor, accountId: string, userId: string): Promise<boolean> {
  const rows = await db.delete(commentBlocks).where(and(eq(commentBlocks.accountId, accountId), eq(commentBlocks.userId, userId))).returning({ u: commentBlocks.userId });
  return rows.length > 0;
}

/** The readers an account has blocked, most recent first. */
export async function listBlocks(db: Executor, accountId: string) {
  return db
    .select({ userId: commentBlocks.userId, createdAt: commentBlocks.createdAt, nickname: followerUsers.nickname, avatarUrl: followerUsers.avatarUrl, openid: follows.openid })
    .from(commentBlocks)
    .innerJoin(followerUsers, eq(followerUsers.id, commentBlocks.userId))
    .leftJoin(follows, and(eq(follows.accountId, commentBlocks.accountId), eq(follows.userId, commentBlocks.userId)))
    .where(eq(commentBlocks.accountId, accountId))
    .orderBy(desc(commentBlocks.createdAt))
    .limit(500);
}

/** The account's defaults for new articles (open to all readers when never set). */
export async function findCommentDefaults(db: Executor, accountId: string): Promise<{ open: boolean; followersOnly: boolean }> {
  const [row] = await db.select().from(commentDefaults).where(eq(commentDefaults.accountId, accountId));
  return { open: row?.open ?? true, followersOnly: row?.followersOnly ?? false };
}

/** Saves the account's defaults. */
export async function saveCommentDefaults(db: Executor, accountId: string, value: { open: boolean; followersOnly: boolean }, now: Date): Promise<void> {
  await db
    .insert(commentDefaults)
    .values({ accountId, ...value, updatedAt: now })
    .onConflictDoUpdate({ target: commentDefaults.accountId, set: { ...value, updatedAt: now } });
}

/**
 * Turns a reader's like of a comment on or off; the comment's counter moves in the same
 * statement, only when a row really changed. Returns the count after the change.
 */
export async function setCommentLike(db: Executor, input: { commentId: number; userId: string; on: boolean; now: Date }): Promise<number> {
  const change = input.on
    ? sql`insert into comment_likes (comment_id, user_id, created_at) values (${input.commentId}, ${input.userId}::uuid, ${input.now.toISOString()}::timestamptz) on conflict do nothing returning 1`
    : sql`delete from comment_likes where comment_id = ${input.commentId} and user_id = ${input.userId}::uuid returning 1`;
  const sign = input.on ? sql`+` : sql`-`;
  const res = await db.execute(sql`
    with changed as (${change})
    update article_comments set like_count = greatest(0, like_count ${sign} (select count(*) from changed)::int)
    where id = ${input.commentId} returning like_count`);
  return Number(rowsOf<{ like_count: number | string }>(res)[0]?.like_count ?? 0);
}
