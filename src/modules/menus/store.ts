import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { followTags } from '../followers/schema.js';
import { menuClicks, menus } from './schema.js';
import type { MenuButton } from './rules/menu.js';
import { pickConditionalMenu, type MatchRule } from './rules/menuMatch.js';

export type MenuSource = 'api' | 'console';

/** A menu as the rest of Herald sees it. */
export interface StoredMenu {
  menuid: string;
  buttons: MenuButton[];
  source: string;
  createdAt: Date;
}

export interface ConditionalMenu extends StoredMenu {
  matchrule: MatchRule;
}

/** The default menu and the personalized menus of an account, newest personalized menu first. */
export interface CurrentMenu {
  default: StoredMenu;
  conditional: ConditionalMenu[];
}

type MenuRow = typeof menus.$inferSelect;

const toStored = (r: MenuRow): StoredMenu => ({
  menuid: r.menuid,
  buttons: r.buttons as MenuButton[],
  source: r.source,
  createdAt: r.createdAt,
});

/**
 * A fresh menuid in WeChat's shape (a 9-digit decimal such as 208379533). Drawn from the menus
 * id sequence, so it never repeats and an insert can never collide on menus_menuid_uq.
 */
async function newMenuid(db: Executor): Promise<string> {
  const result = (await db.execute(sql`select nextval(pg_get_serial_sequence('menus', 'id'))::text as n`)) as unknown as {
    rows: { n: string }[];
  };
  return String(400_000_000 + Number(result.rows[0].n));
}

/**
 * The menus an account has published, or null when it has no default menu (then it shows no
 * menu at all, whatever personalized menus remain).
 */
export async function getCurrentMenu(db: Executor, accountId: string): Promise<CurrentMenu | null> {
  const rows = await db
    .select()
    .from(menus)
    .where(eq(menus.accountId, accountId))
    .orderBy(asc(menus.kind), desc(menus.id));
  const def = rows.find((r) => r.kind === 'default');
  if (!def) return null;
  return {
    default: toStored(def),
    conditional: rows.filter((r) => r.kind === 'conditional').map((r) => ({ ...toStored(r), matchrule: (r.matchrule ?? {}) as MatchRule })),
  };
}

/** Whether the account has a default menu. */
export async function hasDefaultMenu(db: Executor, accountId: string): Promise<boolean> {
  const rows = await db
    .select({ id: menus.id })
    .from(menus)
    .where(and(eq(menus.accountId, accountId), eq(menus.kind, 'default')))
    .limit(1);
  return rows.length > 0;
}

/** Replaces the default menu (a fresh menuid each time, as a new menu version). Race-free upsert. */
export async function putDefaultMenu(
  db: Executor,
  accountId: string,
  buttons: MenuButton[],
  source: MenuSource,
  now: Date,
): Promise<StoredMenu> {
  const menuid = await newMenuid(db);
  const [row] = await db
    .insert(menus)
    .values({ accountId, kind: 'default', menuid, buttons, matchrule: null, source, createdAt: now })
    .onConflictDoUpdate({
      target: menus.accountId,
      targetWhere: sql`kind = 'default'`,
      set: { menuid, buttons, source, createdAt: now },
    })
    .returning();
  return toStored(row);
}

/** Adds a personalized menu and returns it with its new menuid. */
export async function insertConditionalMenu(
  db: Executor,
  accountId: string,
  buttons: MenuButton[],
  matchrule: MatchRule,
  source: MenuSource,
  now: Date,
): Promise<ConditionalMenu> {
  const [row] = await db
    .insert(menus)
    .values({ accountId, kind: 'conditional', menuid: await newMenuid(db), buttons, matchrule, source, createdAt: now })
    .returning();
  return { ...toStored(row), matchrule };
}

/** Deletes one personalized menu; false when the account has none with that menuid. */
export async function deleteConditionalMenu(db: Executor, accountId: string, menuid: string): Promise<boolean> {
  const rows = await db
    .delete(menus)
    .where(and(eq(menus.accountId, accountId), eq(menus.kind, 'conditional'), eq(menus.menuid, menuid)))
    .returning({ id: menus.id });
  return rows.length > 0;
}

/** Deletes the default menu and every personalized menu. Returns how many menus were removed. */
export async function deleteAllMenus(db: Executor, accountId: string): Promise<number> {
  const rows = await db.delete(menus).where(eq(menus.accountId, accountId)).returning({ id: menus.id });
  return rows.length;
}

/** The tags a follower carries on an account. */
export async function followerTagIds(db: Executor, accountId: string, openid: string): Promise<number[]> {
  const rows = await db
    .select({ tagId: followTags.tagId })
    .from(followTags)
    .where(and(eq(followTags.accountId, accountId), eq(followTags.openid, openid)))
    .orderBy(asc(followTags.tagId));
  return rows.map((r) => r.tagId);
}

/** The menu one follower sees. */
export interface MatchedMenu {
  menuid: string;
  kind: 'default' | 'conditional';
  buttons: MenuButton[];
}

/**
 * The menu a follower sees on an account: the newest personalized menu whose rule matches the
 * follower's tags (and the phone's platform, when given), else the default menu; null when the
 * account has no menu. The phone calls this to draw the chat's menu bar.
 */
export async function matchMenuFor(
  db: Executor,
  accountId: string,
  openid: string,
  opts: { clientPlatformType?: 1 | 2 | 3 } = {},
): Promise<MatchedMenu | null> {
  const current = await getCurrentMenu(db, accountId);
  if (!current) return null;
  if (current.conditional.length > 0) {
    const tagIds = await followerTagIds(db, accountId, openid);
    const hit = pickConditionalMenu(current.conditional, { tagIds, clientPlatformType: opts.clientPlatformType });
    if (hit) return { menuid: hit.menuid, kind: 'conditional', buttons: hit.buttons };
  }
  return { menuid: current.default.menuid, kind: 'default', buttons: current.default.buttons };
}

/** Whether a menu of the account (media_id and view_limited buttons, at any depth) names this media_id. */
export async function menuNamesMedia(db: Executor, accountId: string, mediaId: string): Promise<boolean> {
  const vars = JSON.stringify({ id: mediaId });
  const [menu] = await db
    .select({ id: menus.id })
    .from(menus)
    .where(and(eq(menus.accountId, accountId), sql`jsonb_path_exists(${menus.buttons}, '$.** ? (@.media_id == $id)', ${vars}::jsonb)`))
    .limit(1);
  return menu !== undefined;
}

/** One tap on a menu button (菜单分析 counts these). */
export async function recordMenuClick(
  db: Executor,
  c: { accountId: string; openid: string; menuid: string; position: string; name: string; type: string; at: Date },
): Promise<void> {
  await db.insert(menuClicks).values({ accountId: c.accountId, openid: c.openid, menuid: c.menuid, position: c.position, name: c.name, type: c.type, createdAt: c.at });
}
