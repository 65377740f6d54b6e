import { sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';

/** Subscribe scenes the seeded followers came through, spread evenly. */
const SCENES = ['ADD_SCENE_SEARCH', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_ACCOUNT_MIGRATION', 'ADD_SCENE_PROFILE_CARD', 'ADD_SCENE_ARTICLE_AD', 'ADD_SCENE_OTHERS'];

/**
 * An id in WeChat's openid/unionid shape from a seed and a number: 'o' + 27 URL-safe characters
 * taken from two MD5s (built into PostgreSQL, so it runs on the embedded database too). The seed
 * is random per run, so ids never repeat across runs.
 */
const wxId = (seed: string, salt: string) =>
  sql`'o' || translate(substr(encode(decode(md5(${seed} || ${salt} || g.i) || md5(${salt} || ${seed} || g.i), 'hex'), 'base64'), 1, 27), '+/', '-_')`;

/**
 * Inserts followers number `from`..`to` (inclusive) in one statement: their follower_users rows,
 * their unionid in the account's organization (union_ids) and a subscribed follows row each,
 * followed at spread-out moments over the year before `now`.
 */
export async function insertSeededFollowers(
  db: Executor,
  q: { accountId: string; orgId: string; seed: string; from: number; to: number; now: Date; skipForeignKeyChecks?: boolean },
): Promise<number> {
  const now = q.now.toISOString();
  // The rows reference each other and an account read just before: consistent by construction.
  // Skipping the per-row foreign-key triggers (allowed to superusers only) halves the time.
  if (q.skipForeignKeyChecks) await db.execute(sql`set local session_replication_role = replica`);
  const r = await db.execute(sql`
    with g as materialized (
      select gen_random_uuid() as id, g.i,
             ${wxId(q.seed, 'open')} as openid,
             ${wxId(q.seed, 'union')} as unionid,
             ${now}::timestamptz - ((g.i::bigint * 7919) % 31536000) * interval '1 second' - interval '1 minute' as followed_at
        from generate_series(${q.from}::int, ${q.to}::int) as g(i)
    ),
    u as (
      insert into follower_users (id, nickname, created_at) select id, 'Follower ' || i, followed_at from g
    ),
    un as (
      insert into union_ids (org_id, user_id, unionid) select ${q.orgId}::uuid, id, unionid from g
    ),
    f as (
      insert into follows (account_id, user_id, openid, unionid, subscribed, subscribed_at, subscribe_scene, created_at)
      select ${q.accountId}::uuid, id, openid, unionid, true, followed_at,
             (${`{${SCENES.join(',')}}`}::text[])[1 + i % ${SCENES.length}], followed_at
        from g
    )
    select count(*)::int as n from g`);
  return Number((r as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
}

/** The account to seed: by AppID, else the demo service account, else the first account created. */
export async function findSeedAccount(db: Executor, appid: string | undefined): Promise<{ id: string; orgId: string; appid: string; name: string } | undefined> {
  const r = await db.execute(sql`
    select id, org_id, appid, name from accounts
     where ${appid ?? null}::text is null or appid = ${appid ?? null}
     order by (wechat_id = 'herald_coffee') desc nulls last, created_at, appid
     limit 1`);
  const row = (r as unknown as { rows: Array<Record<string, string>> }).rows[0];
  return row ? { id: row.id, orgId: row.org_id, appid: row.appid, name: row.name } : undefined;
}

/** Whether this connection may skip foreign-key triggers (session_replication_role needs a superuser). */
export async function canSkipForeignKeyChecks(db: Executor): Promise<boolean> {
  const r = await db.execute(sql`select rolsuper from pg_roles where rolname = current_user`);
  return (r as unknown as { rows: Array<{ rolsuper: boolean }> }).rows[0]?.rolsuper === true;
}

/**
 * After a bulk load, as PostgreSQL's documentation advises: fresh statistics for the planner, and
 * the visibility map and hint bits set once instead of by the first reads (the embedded database
 * has no autovacuum to do it later).
 */
export async function vacuumAnalyzeFollowers(db: Executor): Promise<void> {
  await db.execute(sql`vacuum (analyze) follows, follower_users, union_ids`);
}
