import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { blacklist, followerUsers, follows, followTags } from '../schema.js';

/**
 * The console's follower directory: search and filter an account's followers with their profile,
 * newest follow first, in keyset pages (stable while followers come and go).
 */

export interface FollowerFilter {
  /** Part of a nickname or remark (case-insensitive), or an exact openid. */
  q?: string;
  /** Only followers carrying this tag. */
  tagId?: number;
  /**
   * true: everyone the account blacklisted (following or not); false: current followers not
   * blacklisted; undefined: current followers.
   */
  blacklisted?: boolean;
}

/** Where a page starts: after the follower with this follow time (ms) and openid. */
export interface FollowerCursor {
  followedAtMs: number;
  openid: string;
}

export interface FollowerListing {
  openid: string;
  nickname: string;
  avatarUrl: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  subscribed: boolean;
  followedAt: Date;
  subscribeScene: string;
  remark: string;
  blacklisted: boolean;
}

/** LIKE wildcards in a search are literal characters. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Follow time at millisecond precision, so a cursor made from a JS Date compares exactly.
const followedAt = sql<Date>`date_trunc('milliseconds', coalesce(${follows.subscribedAt}, ${follows.createdAt}))`;
const isBlacklisted = sql<boolean>`exists (select 1 from ${blacklist} b where b.account_id = ${follows.accountId} and b.openid = ${follows.openid})`;

function conditions(accountId: string, filter: FollowerFilter): SQL[] {
  const where: SQL[] = [eq(follows.accountId, accountId)];
  if (filter.blacklisted === true) where.push(isBlacklisted);
  else where.push(eq(follows.subscribed, true));
  if (filter.blacklisted === false) where.push(sql`not ${isBlacklisted}`);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    where.push(
      or(sql`${followerUsers.nickname} ilike ${pattern}`, sql`${follows.remark} ilike ${pattern}`, eq(follows.openid, filter.q)) as SQL,
    );
  }
  if (filter.tagId !== undefined) {
    where.push(
      sql`exists (select 1 from ${followTags} ft where ft.account_id = ${follows.accountId} and ft.openid = ${follows.openid} and ft.tag_id = ${filter.tagId})`,
    );
  }
  return where;
}

/** One page of followers matching `filter`, newest follow first, after `cursor`. */
export async function searchFollowers(
  db: Executor,
  accountId: string,
  filter: FollowerFilter,
  cursor: FollowerCursor | null,
  limit: number,
): Promise<FollowerListing[]> {
  const where = conditions(accountId, filter);
  if (cursor) {
    const at = new Date(cursor.followedAtMs);
    where.push(or(lt(followedAt, at), and(eq(followedAt, at), gt(follows.openid, cursor.openid))) as SQL);
  }
  const rows = await db
    .select({
      openid: follows.openid,
      nickname: followerUsers.nickname,
      avatarUrl: followerUsers.avatarUrl,
      sex: followerUsers.sex,
      country: followerUsers.country,
      province: followerUsers.province,
      city: followerUsers.city,
      language: followerUsers.language,
      subscribed: follows.subscribed,
      followedAt: followedAt.mapWith(follows.createdAt),
      subscribeScene: follows.subscribeScene,
      remark: follows.remark,
      blacklisted: isBlacklisted.mapWith(Boolean),
    })
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(and(...where))
    .orderBy(desc(followedAt), asc(follows.openid))
    .limit(limit);
  return rows;
}

/** How many followers match `filter` (for "12 followers" above the table). */
export async function countFollowerMatches(db: Executor, accountId: string, filter: FollowerFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(and(...conditions(accountId, filter)));
  return Number(row?.n ?? 0);
}
