/**
 * Followers for tests, written straight to the database (follower_users, union_ids, follows) in
 * one set-based statement, so a test can have 10,001 followers in about a second.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/connect.js';
import { newOpenid, newUnionid } from '../../src/protocol/ids.js';

export interface MadeFollower {
  userId: string;
  openid: string;
  unionid: string;
}

export interface FollowerOptions {
  /** false makes followers who followed and then unfollowed. Default true. */
  subscribed?: boolean;
  language?: string;
  subscribeScene?: string;
  qrScene?: number;
  qrSceneStr?: string;
  remark?: string;
  /** When they followed. Default now (wall clock). */
  subscribedAt?: Date;
}

/** Makes `n` followers of an account, each a fresh user with a fresh openid and unionid. */
export async function addFollowers(database: Pick<Database, 'rows'>, accountId: string, n: number, opts: FollowerOptions = {}): Promise<MadeFollower[]> {
  const made: MadeFollower[] = Array.from({ length: n }, () => ({ userId: randomUUID(), openid: newOpenid(), unionid: newUnionid() }));
  if (n === 0) return made;
  const subscribed = opts.subscribed ?? true;
  const at = (opts.subscribedAt ?? new Date()).toISOString();
  await database.rows(sql`
    with input as (
      select e->>'userId' as user_id, e->>'openid' as openid, e->>'unionid' as unionid, ord
      from json_array_elements(${JSON.stringify(made)}::json) with ordinality as t(e, ord)
    ),
    u as (
      insert into follower_users (id, nickname, language)
      select user_id::uuid, 'Follower ' || ord, ${opts.language ?? 'zh_CN'} from input
      returning id
    ),
    un as (
      insert into union_ids (org_id, user_id, unionid)
      select (select org_id from accounts where id = ${accountId}::uuid), u.id, input.unionid
      from input join u on u.id = input.user_id::uuid
    )
    insert into follows (account_id, user_id, openid, unionid, subscribed, subscribed_at, unsubscribed_at,
                         subscribe_scene, qr_scene, qr_scene_str, remark)
    select ${accountId}::uuid, u.id, input.openid, input.unionid, ${subscribed}, ${at}::timestamptz,
           ${subscribed ? null : at}::timestamptz, ${opts.subscribeScene ?? 'ADD_SCENE_SEARCH'}, ${opts.qrScene ?? 0},
           ${opts.qrSceneStr ?? ''}, ${opts.remark ?? ''}
    from input join u on u.id = input.user_id::uuid
  `);
  return made;
}

/** One follower of an account. */
export async function addFollower(database: Pick<Database, 'rows'>, accountId: string, opts: FollowerOptions = {}): Promise<MadeFollower> {
  const [f] = await addFollowers(database, accountId, 1, opts);
  return f;
}
