import { SYSTEM_TAGS } from '../rules/audience.js';
import type { FollowerListing } from '../store/followerDirectory.js';
import type { InboxFollower } from '../store/followerBriefs.js';
import type { TagRecord } from '../store/tags.js';

/** A follower row of the console's directory, with its tags by name. */
export function presentFollower(f: FollowerListing, tagIds: readonly number[], tagNames: ReadonlyMap<number, string>) {
  return {
    openid: f.openid,
    nickname: f.nickname,
    avatar_url: f.avatarUrl,
    sex: f.sex,
    country: f.country,
    province: f.province,
    city: f.city,
    region: [f.country, f.province, f.city].filter(Boolean).join(' · '),
    language: f.language,
    subscribed: f.subscribed,
    subscribe_time: f.followedAt.toISOString(),
    subscribe_scene: f.subscribeScene,
    remark: f.remark,
    tags: tagIds.map((id) => ({ id, name: tagNames.get(id) ?? String(id) })),
    blacklisted: f.blacklisted,
  };
}

/** The tags an operator can use: the star group (system, fixed) then the account's tags, with counts. */
export function presentConsoleTags(tags: TagRecord[], counts: ReadonlyMap<number, number>) {
  const listed = SYSTEM_TAGS.filter((t) => t.listed).map((t) => ({ id: t.id, name: t.name as string, system: true }));
  return [...listed, ...tags.map((t) => ({ id: t.id, name: t.name, system: false }))].map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }));
}

/** Names of every tag id a follower may carry, system tags included. */
export function tagNameMap(tags: TagRecord[]): Map<number, string> {
  return new Map<number, string>([...SYSTEM_TAGS.map((t) => [t.id, t.name as string] as const), ...tags.map((t) => [t.id, t.name] as const)]);
}

/** The console API's shapes, as the web app imports them (type-only). */
export type ConsoleFollower = ReturnType<typeof presentFollower>;
export type ConsoleTag = ReturnType<typeof presentConsoleTags>[number];

/** The follower fields every inbox entry carries (an unknown openid shows as itself). */
export function presentFollowerBrief(openid: string, f: InboxFollower | undefined) {
  return {
    openid,
    nickname: f?.nickname ?? openid,
    remark: f?.remark ?? '',
    avatar_url: f?.avatarUrl ?? '',
    subscribed: f?.subscribed ?? false,
  };
}
