/**
 * Menu analysis (菜单分析) from the menus module's taps, read from its per-day rollup
 * (`menu_click_days`: taps per China day, button and follower, kept equal to `menu_clicks` by the
 * database at write time), so a month of a busy menu adds up tens of thousands of rows instead of
 * grouping millions.
 */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { menuClickDays as d } from '../../menus/schema.js';

export interface MenuDay {
  refDate: string;
  clickCount: number;
  clickUser: number;
}

/** Taps and distinct followers who tapped, per China day, over China days fromDay..toDay (inclusive). */
export async function menuClicksByDay(db: Executor, accountId: string, fromDay: string, toDay: string): Promise<MenuDay[]> {
  const rows = await db
    .select({ refDate: sql<string>`to_char(${d.day}, 'YYYY-MM-DD')`, clickCount: sql<number>`sum(${d.taps})::int`, clickUser: sql<number>`count(distinct ${d.openid})::int` })
    .from(d)
    .where(and(eq(d.accountId, accountId), gte(d.day, fromDay), lte(d.day, toDay)))
    .groupBy(d.day)
    .orderBy(d.day);
  return rows.map((r) => ({ refDate: r.refDate, clickCount: Number(r.clickCount), clickUser: Number(r.clickUser) }));
}

export interface MenuButtonClicks {
  position: string;
  name: string;
  type: string;
  clickCount: number;
  clickUser: number;
}

/** Taps per button (its place, name and type when tapped) over China days fromDay..toDay, most tapped first. */
export async function menuClicksByButton(db: Executor, accountId: string, fromDay: string, toDay: string): Promise<MenuButtonClicks[]> {
  const rows = await db
    .select({ position: d.position, name: d.name, type: d.type, clickCount: sql<number>`sum(${d.taps})::int`, clickUser: sql<number>`count(distinct ${d.openid})::int` })
    .from(d)
    .where(and(eq(d.accountId, accountId), gte(d.day, fromDay), lte(d.day, toDay)))
    .groupBy(d.position, d.name, d.type)
    .orderBy(sql`sum(${d.taps}) desc`, d.position, d.name);
  return rows.map((r) => ({ position: r.position, name: r.name, type: r.type, clickCount: Number(r.clickCount), clickUser: Number(r.clickUser) }));
}
