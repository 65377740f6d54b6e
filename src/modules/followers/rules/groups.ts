/**
 * The legacy user-group API (`/cgi-bin/groups/*`) as a view over tags, the way WeChat kept it
 * working after tags replaced groups: a group is a tag, and a follower's group is one of their tags.
 *
 * - Created tags (ids from 100) are groups with the same ids and names.
 * - System groups: 0 未分组 (no group), 1 黑名单 (the blacklist, counted but never a move target),
 *   2 星标组 (the star group, the taggable system tag).
 * - A follower's group is their lowest created tag; without one, 2 when they carry the star group,
 *   else 0. Moving a follower to a group makes that their group: groups/getid then answers it.
 */
import { FIRST_TAG_ID, isSystemTag, isTaggableSystemTag, tagIdOf } from './audience.js';

/** The "no group" group (未分组). */
export const NO_GROUP = 0;
/** The star group (星标组), system tag 2. */
export const STAR_GROUP = 2;

/** A follower's group, from their tag ids. */
export function groupOf(tagIds: readonly number[]): number {
  let lowest: number | undefined;
  for (const id of tagIds) if (id >= FIRST_TAG_ID && (lowest === undefined || id < lowest)) lowest = id;
  if (lowest !== undefined) return lowest;
  return tagIds.includes(STAR_GROUP) ? STAR_GROUP : NO_GROUP;
}

/**
 * The group a members/update or members/batchupdate call may move followers to: 0 (no group), the
 * star group 2, or a created tag id (whose existence the caller checks). Anything else, the
 * blacklist 1 included, is undefined (45159, as the tags API answers for such a tag id).
 */
export function moveTargetOf(raw: unknown): number | undefined {
  const id = tagIdOf(raw);
  if (id === undefined) return undefined;
  if (id === NO_GROUP) return id;
  if (isSystemTag(id) && !isTaggableSystemTag(id)) return undefined;
  return id;
}
