import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { followerUsers, follows } from '../../followers/schema.js';
import { operators } from '../../operators/schema.js';
import { serviceWindows } from '../../messaging/schema.js';
import type { WindowState } from '../../messaging/rules/serviceWindow.js';

/**
 * Lookups the console's customer-service inbox needs next to the kf tables: the profiles of the
 * followers in the queue, and the operators who can work as representatives.
 */

/** A follower as the inbox shows them. */
export interface InboxFollower {
  openid: string;
  nickname: string;
  avatarUrl: string;
  remark: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  subscribed: boolean;
  followedAt: Date;
}

/** openids the inbox may look up at once (the queue shows at most 100 plus the sessions). */
const MAX_LOOKUP = 1000;

/** Profiles of the account's followers with these openids (unknown openids are left out). */
export async function inboxFollowers(db: Executor, accountId: string, openids: readonly string[]): Promise<Map<string, InboxFollower>> {
  const wanted = [...new Set(openids)].slice(0, MAX_LOOKUP);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({
      openid: follows.openid,
      nickname: followerUsers.nickname,
      avatarUrl: followerUsers.avatarUrl,
      remark: follows.remark,
      sex: followerUsers.sex,
      country: followerUsers.country,
      province: followerUsers.province,
      city: followerUsers.city,
      language: followerUsers.language,
      subscribed: follows.subscribed,
      subscribedAt: follows.subscribedAt,
      createdAt: follows.createdAt,
    })
    .from(follows)
    .innerJoin(followerUsers, eq(followerUsers.id, follows.userId))
    .where(and(eq(follows.accountId, accountId), inArray(follows.openid, wanted)));
  return new Map(rows.map(({ subscribedAt, createdAt, ...r }) => [r.openid, { ...r, followedAt: subscribedAt ?? createdAt }]));
}

/** An operator who can be bound to a kf account. */
export interface OrgOperator {
  id: string;
  name: string;
  email: string;
  role: string;
}

const operatorColumns = { id: operators.id, name: operators.name, email: operators.email, role: operators.role };

/** The organization's operators, by name. */
export async function listOrgOperators(db: Executor, orgId: string): Promise<OrgOperator[]> {
  return db.select(operatorColumns).from(operators).where(eq(operators.orgId, orgId)).orderBy(asc(operators.name), asc(operators.email));
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One operator of the organization; undefined for an id that is not one (or not a uuid at all). */
export async function findOrgOperator(db: Executor, orgId: string, operatorId: string): Promise<OrgOperator | undefined> {
  if (!UUID_RE.test(operatorId)) return undefined;
  const [row] = await db
    .select(operatorColumns)
    .from(operators)
    .where(and(eq(operators.orgId, orgId), eq(operators.id, operatorId)))
    .limit(1);
  return row;
}

/**
 * When the follower's latest customer-service window closed, at or before `now` (null when no
 * closed window is kept: they are removed a day after closing).
 */
export async function lastWindowClosedAt(db: Executor, accountId: string, openid: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`max(${serviceWindows.expiresAt})` })
    .from(serviceWindows)
    .where(and(eq(serviceWindows.accountId, accountId), eq(serviceWindows.openid, openid), lte(serviceWindows.expiresAt, now)));
  return row?.at ? new Date(row.at) : null;
}

/** The customer-service windows still open at `now` of each of these followers (one query for a list). */
export async function openWindowsOf(db: Executor, accountId: string, openids: readonly string[], now: Date): Promise<Map<string, WindowState[]>> {
  const wanted = [...new Set(openids)].slice(0, MAX_LOOKUP);
  const out = new Map<string, WindowState[]>();
  if (wanted.length === 0) return out;
  const rows = await db
    .select({ openid: serviceWindows.openid, id: serviceWindows.id, expiresAt: serviceWindows.expiresAt, limit: serviceWindows.limit, used: serviceWindows.used })
    .from(serviceWindows)
    .where(and(eq(serviceWindows.accountId, accountId), inArray(serviceWindows.openid, wanted), gt(serviceWindows.expiresAt, now)));
  for (const { openid, ...w } of rows) out.set(openid, [...(out.get(openid) ?? []), w]);
  return out;
}
