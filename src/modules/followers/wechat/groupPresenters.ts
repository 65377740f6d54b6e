import type { TagRecord } from '../store/tags.js';
import { SYSTEM_TAGS } from '../rules/audience.js';

export interface GroupCounts {
  /** Followers per tag id, as tags/get counts them. */
  tags: Map<number, number>;
  /** Current followers in no group (未分组). */
  ungrouped: number;
  /** Blacklisted followers (黑名单). */
  blacklisted: number;
}

/**
 * groups/get: the system groups 0 未分组, 1 黑名单 and 2 星标组 (named as the system tags are),
 * then the account's tags, each `{id, name, count}`.
 */
export function presentGroups(tags: TagRecord[], counts: GroupCounts): { groups: Array<{ id: number; name: string; count: number }> } {
  const countOf = (id: number) => (id === 0 ? counts.ungrouped : id === 1 ? counts.blacklisted : (counts.tags.get(id) ?? 0));
  const all = [...SYSTEM_TAGS.map((t) => ({ id: t.id as number, name: t.name as string })), ...tags];
  return { groups: all.map((g) => ({ id: g.id, name: g.name, count: countOf(g.id) })) };
}
