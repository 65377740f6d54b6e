import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';

/**
 * SQL for the push posts a follower received (broadcast_recipients joined to broadcasts through
 * the follower's openid with each account). Every query walks an account's broadcasts by index
 * and probes the recipients' primary key (broadcast_id, openid): cost grows with the posts an
 * account sent, never with its followers.
 */

/** A push post as one follower received it. */
export interface ReceivedPost {
  id: number;
  accountId: string;
  appid: string;
  accountName: string;
  accountType: string;
  verified: boolean;
  /** mass | preview */
  kind: string;
  msgtype: string;
  payload: Record<string, unknown>;
  groupId: string | null;
  placement: string;
  notify: boolean;
  status: string;
  /** When the fan-out started (what the follower sees as the post's time). */
  sentAt: Date;
  readAt: Date | null;
}

/** A followed account's newest received post and how many of its posts are unread. */
export interface PostSummary {
  latest: ReceivedPost;
  unread: number;
}

type Row = Record<string, unknown>;
const rowsOf = async (db: Executor, q: SQL): Promise<Row[]> => ((await db.execute(q)) as unknown as { rows: Row[] }).rows;
const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** Largest id a bigserial column holds; anything above cannot be a post. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

const columns = (readAt: SQL) => sql`b.id, b.account_id, b.kind, b.msgtype, b.payload, b.group_id, b.placement, b.notify, b.status,
  coalesce(b.started_at, b.accepted_at) as sent_at, ${readAt} as read_at, a.appid, a.name as account_name, a.type as account_type, a.verified`;
const postColumns = columns(sql`r.read_at`);

function toPost(r: Row): ReceivedPost {
  const payload = r.payload && typeof r.payload === 'object' ? (r.payload as Record<string, unknown>) : {};
  return {
    id: Number(r.id),
    accountId: String(r.account_id),
    appid: String(r.appid),
    accountName: String(r.account_name),
    accountType: String(r.account_type),
    verified: Boolean(r.verified),
    kind: String(r.kind),
    msgtype: String(r.msgtype),
    payload,
    groupId: r.group_id === null || r.group_id === undefined ? null : String(r.group_id),
    placement: String(r.placement),
    notify: Boolean(r.notify),
    status: String(r.status),
    sentAt: dateOf(r.sent_at),
    readAt: r.read_at === null || r.read_at === undefined ? null : dateOf(r.read_at),
  };
}

/** One post, if this user received it (through their openid with the post's account). */
export async function findReceivedPost(db: Executor, userId: string, msgId: number): Promise<ReceivedPost | undefined> {
  if (!Number.isSafeInteger(msgId) || msgId < 1 || msgId > MAX_ID) return undefined;
  const rows = await rowsOf(db, sql`
    select ${postColumns}
      from broadcasts b
      join accounts a on a.id = b.account_id
      join follows f on f.account_id = b.account_id and f.user_id = ${userId}::uuid
      join broadcast_recipients r on r.broadcast_id = b.id and r.openid = f.openid
     where b.id = ${msgId}`);
  return rows[0] ? toPost(rows[0]) : undefined;
}

/**
 * For every account the user follows (or once followed), the newest post they received and the
 * unread count, from the user's follows (follows_user_idx).
 */
export async function listPostSummaries(db: Executor, userId: string): Promise<PostSummary[]> {
  const rows = await rowsOf(db, sql`
    select ${columns(sql`b.read_at`)}, u.unread
      from follows f
      join accounts a on a.id = f.account_id
      join lateral (
        select b.*, r.read_at from broadcasts b
          join broadcast_recipients r on r.broadcast_id = b.id and r.openid = f.openid
         where b.account_id = a.id
         order by coalesce(b.started_at, b.accepted_at) desc, b.id desc
         limit 1) b on true
      join lateral (
        select count(*)::int as unread from broadcasts b2
          join broadcast_recipients r2 on r2.broadcast_id = b2.id and r2.openid = f.openid and r2.read_at is null
         where b2.account_id = a.id) u on true
     where f.user_id = ${userId}::uuid`);
  return rows.map((r) => ({ latest: toPost(r), unread: Number(r.unread) }));
}

/**
 * One follower's posts from an account, newest first: `limit` of them older than post
 * `before` (by time, then id) or the newest of all.
 */
export async function listAccountPosts(
  db: Executor,
  accountId: string,
  openid: string,
  opts: { before?: number; limit: number },
): Promise<ReceivedPost[]> {
  const limit = Math.max(1, Math.min(500, Math.floor(opts.limit) || 1));
  const before = opts.before;
  if (before !== undefined && (!Number.isSafeInteger(before) || before < 1)) return [];
  const cursor = before === undefined
    ? sql``
    : sql`and (coalesce(b.started_at, b.accepted_at), b.id) < (select coalesce(c.started_at, c.accepted_at), c.id from broadcasts c where c.id = ${before} and c.account_id = ${accountId}::uuid)`;
  const rows = await rowsOf(db, sql`
    select ${postColumns}
      from broadcasts b
      join accounts a on a.id = b.account_id
      join broadcast_recipients r on r.broadcast_id = b.id and r.openid = ${openid}
     where b.account_id = ${accountId}::uuid ${cursor}
     order by coalesce(b.started_at, b.accepted_at) desc, b.id desc
     limit ${limit}`);
  return rows.map(toPost);
}

/** Marks an account's posts to one follower as read (all of them, or one); returns how many were unread. */
export async function markPostsRead(db: Executor, accountId: string, openid: string, at: Date, msgId?: number): Promise<number> {
  const one = msgId === undefined ? sql`` : sql`and b.id = ${msgId}`;
  const rows = await rowsOf(db, sql`
    update broadcast_recipients r set read_at = ${at.toISOString()}::timestamptz
      from broadcasts b
     where r.broadcast_id = b.id and b.account_id = ${accountId}::uuid and r.openid = ${openid} and r.read_at is null ${one}
    returning r.broadcast_id`);
  return rows.length;
}

/** The articles of posts' news groups, without their bodies (cards need titles and covers only). */
export interface PostArticleRow {
  id: string;
  groupId: string;
  idx: number;
  title: string;
  digest: string;
  thumbMediaId: string;
  isDeleted: boolean;
  publishedAt: Date | null;
}

/** Card fields of the articles of these news groups, by group, in order. */
export async function findPostArticles(db: Executor, groupIds: readonly string[]): Promise<Map<string, PostArticleRow[]>> {
  const out = new Map<string, PostArticleRow[]>();
  const ids = [...new Set(groupIds)];
  if (ids.length === 0) return out;
  const rows = await rowsOf(db, sql`
    select id, group_id, idx, title, digest, thumb_media_id, is_deleted, published_at from articles
     where group_id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
     order by group_id, idx`);
  for (const r of rows) {
    const row: PostArticleRow = {
      id: String(r.id),
      groupId: String(r.group_id),
      idx: Number(r.idx),
      title: String(r.title),
      digest: String(r.digest),
      thumbMediaId: String(r.thumb_media_id),
      isDeleted: Boolean(r.is_deleted),
      publishedAt: r.published_at === null || r.published_at === undefined ? null : dateOf(r.published_at),
    };
    const list = out.get(row.groupId) ?? [];
    list.push(row);
    out.set(row.groupId, list);
  }
  return out;
}

/** Title and introduction of media a post carries (mpvideo), by media_id. */
export async function findPostMedia(db: Executor, mediaIds: readonly string[]): Promise<Map<string, { kind: string; title: string; introduction: string }>> {
  const ids = [...new Set(mediaIds)].filter((id) => id.length > 0 && id.length <= 128);
  const out = new Map<string, { kind: string; title: string; introduction: string }>();
  if (ids.length === 0) return out;
  const rows = await rowsOf(db, sql`
    select id, kind, title, introduction from media where id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  for (const r of rows) out.set(String(r.id), { kind: String(r.kind), title: String(r.title), introduction: String(r.introduction) });
  return out;
}
