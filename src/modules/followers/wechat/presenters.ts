import type { FollowerRecord } from '../store/audience.js';
import type { TagRecord } from '../store/tags.js';
import { SYSTEM_TAGS } from '../rules/audience.js';
import { groupOf } from '../rules/groups.js';

/**
 * user/info (and each entry of batchget). A current follower:
 * subscribe, openid, language, subscribe_time, unionid, remark, groupid (the legacy group: see groupOf), tagid_list,
 * subscribe_scene, qr_scene, qr_scene_str. Someone who unfollowed: subscribe 0, openid, unionid.
 * nickname, headimgurl, sex and region are not sent (WeChat stopped in late 2021).
 */
export function presentUserInfo(f: FollowerRecord, tagIds: readonly number[]): Record<string, unknown> {
  if (!f.subscribed) return { subscribe: 0, openid: f.openid, unionid: f.unionid };
  return {
    subscribe: 1,
    openid: f.openid,
    language: f.language,
    subscribe_time: Math.floor((f.subscribedAt ?? f.createdAt).getTime() / 1000),
    unionid: f.unionid,
    remark: f.remark,
    groupid: groupOf(tagIds),
    tagid_list: [...tagIds],
    subscribe_scene: f.subscribeScene,
    qr_scene: f.qrScene,
    qr_scene_str: f.qrSceneStr,
  };
}

/**
 * A page of openids (user/get, user/tag/get, getblacklist): next_openid is the page's last openid
 * ('' for an empty page); an empty page has no `data` key, as WeChat's last page.
 */
export function presentOpenidPage(openids: string[]): { count: number; data?: { openid: string[] }; next_openid: string } {
  if (openids.length === 0) return { count: 0, next_openid: '' };
  return { count: openids.length, data: { openid: openids }, next_openid: openids[openids.length - 1] };
}

/** tags/get: the star group (2) then the account's tags, each `{id, name, count}`. */
export function presentTags(tags: TagRecord[], counts: Map<number, number>): { tags: Array<{ id: number; name: string; count: number }> } {
  const listed = SYSTEM_TAGS.filter((t) => t.listed).map((t) => ({ id: t.id, name: t.name as string }));
  return {
    tags: [...listed, ...tags].map((t) => ({ id: t.id, name: t.name, count: counts.get(t.id) ?? 0 })),
  };
}
