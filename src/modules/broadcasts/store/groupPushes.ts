import { and, desc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../platform/db/connect.js';
import { broadcasts } from '../schema.js';
import type { GroupPush, GroupPushes } from '../../articles/index.js';

/**
 * What push posts tell the articles module about the news groups they carry (registered with
 * articles in the manifest's `connect`): which groups a post still needs, and the latest post
 * of each group for the published list.
 */

/** The push posts and previews carrying the group whose id is `groupId` (a subquery of the caller's statement). */
function carrying(db: Executor, groupId: AnyPgColumn) {
  return db.select({ one: sql`1` }).from(broadcasts).where(eq(broadcasts.groupId, groupId));
}

/** The latest push post (not cancelled, not stopped) that carried each group, keyed by group id. */
async function latestPushOfGroups(db: Executor, groupIds: readonly string[]): Promise<Map<string, GroupPush>> {
  const out = new Map<string, GroupPush>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .select({ id: broadcasts.id, groupId: broadcasts.groupId, status: broadcasts.status, scheduledAt: broadcasts.scheduledAt, acceptedAt: broadcasts.acceptedAt })
    .from(broadcasts)
    .where(and(inArray(broadcasts.groupId, [...groupIds]), eq(broadcasts.kind, 'mass'), notInArray(broadcasts.status, ['cancelled', 'failed']), isNotNull(broadcasts.groupId)))
    .orderBy(desc(broadcasts.id));
  for (const r of rows) {
    if (r.groupId && !out.has(r.groupId)) out.set(r.groupId, { msgId: r.id, status: r.status, at: r.scheduledAt ?? r.acceptedAt });
  }
  return out;
}

/** The queries articles asks for. */
export const groupPushes: GroupPushes = { carrying, latest: latestPushOfGroups };
