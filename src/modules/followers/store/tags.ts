import { and, asc, count, eq, gt, gte, inArray, max, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { followTags, follows, tags } from '../schema.js';
import { FIRST_TAG_ID } from '../rules/audience.js';
import { STAR_GROUP } from '../rules/groups.js';

export interface TagRecord {
  id: number;
  name: string;
}

/** The tags an account created, by id. */
export async function listTags(db: Executor, accountId: string): Promise<TagRecord[]> {
  return db
    .select({ id: tags.tagId, name: tags.name })
    .from(tags)
    .where(eq(tags.accountId, accountId))
    .orderBy(asc(tags.tagId));
}

/** Followers per tag id (system tags included), for tags/get. */
export async function tagMemberCounts(db: Executor, accountId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ tagId: followTags.tagId, n: count() })
    .from(followTags)
    .where(eq(followTags.accountId, accountId))
    .groupBy(followTags.tagId);
  return new Map(rows.map((r) => [r.tagId, Number(r.n)]));
}

export async function findTag(db: Executor, accountId: string, tagId: number): Promise<TagRecord | undefined> {
  const [row] = await db
    .select({ id: tags.tagId, name: tags.name })
    .from(tags)
    .where(and(eq(tags.accountId, accountId), eq(tags.tagId, tagId)));
  return row;
}

export async function findTagByName(db: Executor, accountId: string, name: string): Promise<TagRecord | undefined> {
  const [row] = await db
    .select({ id: tags.tagId, name: tags.name })
    .from(tags)
    .where(and(eq(tags.accountId, accountId), eq(tags.name, name)));
  return row;
}

export async function countTags(db: Executor, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tags).where(eq(tags.accountId, accountId));
  return Number(row?.n ?? 0);
}

/** The id the next created tag gets: one more than the highest, from 100. */
export async function nextTagId(db: Executor, accountId: string): Promise<number> {
  const [row] = await db.select({ top: max(tags.tagId) }).from(tags).where(eq(tags.accountId, accountId));
  return Math.max(FIRST_TAG_ID, (row?.top ?? FIRST_TAG_ID - 1) + 1);
}

export async function insertTag(db: Executor, accountId: string, tagId: number, name: string, now: Date): Promise<void> {
  await db.insert(tags).values({ accountId, tagId, name, createdAt: now });
}

export async function setTagName(db: Executor, accountId: string, tagId: number, name: string): Promise<void> {
  await db.update(tags).set({ name }).where(and(eq(tags.accountId, accountId), eq(tags.tagId, tagId)));
}

/** Deletes a tag and every follower's membership of it. */
export async function deleteTagWithMemberships(db: Executor, accountId: string, tagId: number): Promise<void> {
  await db.delete(followTags).where(and(eq(followTags.accountId, accountId), eq(followTags.tagId, tagId)));
  await db.delete(tags).where(and(eq(tags.accountId, accountId), eq(tags.tagId, tagId)));
}

/** Followers carrying a tag, counted up to `limit` + 1 (enough to tell "more than limit"). */
export async function countTagMembersUpTo(db: Executor, accountId: string, tagId: number, limit: number): Promise<number> {
  const rows = (await db.execute(
    sql`select count(*)::int as n from (select 1 from ${followTags} where ${followTags.accountId} = ${accountId} and ${followTags.tagId} = ${tagId} limit ${limit + 1}) t`,
  )) as unknown as { rows: { n: number }[] };
  return Number(rows.rows[0]?.n ?? 0);
}

/** The tags each of these followers carries (followers without tags are absent from the map). */
export async function tagIdsOf(db: Executor, accountId: string, openids: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const unique = [...new Set(openids)];
  if (unique.length === 0) return out;
  const rows = await db
    .select({ openid: followTags.openid, tagId: followTags.tagId })
    .from(followTags)
    .where(and(eq(followTags.accountId, accountId), inArray(followTags.openid, unique)))
    .orderBy(asc(followTags.tagId));
  for (const r of rows) {
    const list = out.get(r.openid) ?? [];
    list.push(r.tagId);
    out.set(r.openid, list);
  }
  return out;
}

/** Tags followers (idempotent: an existing membership stays as it is). */
export async function addTagMembers(db: Executor, accountId: string, tagId: number, openids: readonly string[], now: Date): Promise<void> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return;
  await db
    .insert(followTags)
    .values(unique.map((openid) => ({ accountId, tagId, openid, createdAt: now })))
    .onConflictDoNothing();
}

export async function removeTagMembers(db: Executor, accountId: string, tagId: number, openids: readonly string[]): Promise<void> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return;
  await db
    .delete(followTags)
    .where(and(eq(followTags.accountId, accountId), eq(followTags.tagId, tagId), inArray(followTags.openid, unique)));
}

/** One page of a tag's followers, by openid (the primary key's order), after `after`. */
export async function listTagMemberOpenids(db: Executor, accountId: string, tagId: number, after: string, limit: number): Promise<string[]> {
  const where = [eq(followTags.accountId, accountId), eq(followTags.tagId, tagId)];
  if (after) where.push(gt(followTags.openid, after));
  const rows = await db
    .select({ openid: followTags.openid })
    .from(followTags)
    .where(and(...where))
    .orderBy(asc(followTags.openid))
    .limit(limit);
  return rows.map((r) => r.openid);
}

/** Current followers carrying no tag at all (the legacy groups API's 未分组 count). */
export async function countUntaggedSubscribers(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(follows)
    .where(
      and(
        eq(follows.accountId, accountId),
        eq(follows.subscribed, true),
        sql`not exists (select 1 from ${followTags} where ${followTags.accountId} = ${follows.accountId} and ${followTags.openid} = ${follows.openid})`,
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Takes followers off every created tag except `keep` (pass 0 to keep none), and off the star
 * group (2) too when `dropStar` is set: the first half of moving them to one group.
 */
export async function removeGroupTags(
  db: Executor,
  accountId: string,
  openids: readonly string[],
  keep: number,
  dropStar: boolean,
): Promise<void> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return;
  const created = and(gte(followTags.tagId, FIRST_TAG_ID), ne(followTags.tagId, keep));
  await db
    .delete(followTags)
    .where(and(eq(followTags.accountId, accountId), inArray(followTags.openid, unique), dropStar ? or(created, eq(followTags.tagId, STAR_GROUP)) : created));
}
