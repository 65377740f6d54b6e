/**
 * Menu analysis (菜单分析) from the menus module's click records: one row per tap on a button.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { menuClicks as c } from '../../menus/schema.js';
import { periodOf } from './period.js';

export interface MenuDay {
  refDate: string;
  clickCount: number;
  clickUser: number;
}

/** Taps and distinct followers who tapped, per China day, in [from, to). */
export async function menuClicksByDay(db: Executor, accountId: string, from: Date, to: Date): Promise<MenuDay[]> {
  const refDate = periodOf(c.createdAt, 'day');
  const rows = await db
    .select({ refDate, clickCount: sql<number>`count(*)::int`, clickUser: sql<number>`count(distinct ${c.openid})::int` })
    .from(c)
    .where(and(eq(c.accountId, accountId), gte(c.createdAt, from), lt(c.createdAt, to)))
    .groupBy(refDate)
    .orderBy(refDate);
  return rows.map((r) => ({ refDate: r.refDate, clickCount: Number(r.clickCount), clickUser: Number(r.clickUser) }));
}

export interface MenuButtonClicks {
  position: string;
  name: string;
  type: string;
  clickCount: number;
  clickUser: number;
}

/** Taps per button (its place, name and type when tapped) in [from, to), most tapped first. */
export async function menuClicksByButton(db: Executor, accountId: string, from: Date, to: Date): Promise<MenuButtonClicks[]> {
  const rows = await db
    .select({ position: c.position, name: c.name, type: c.type, clickCount: sql<number>`count(*)::int`, clickUser: sql<number>`count(distinct ${c.openid})::int` })
    .from(c)
    .where(and(eq(c.accountId, accountId), gte(c.createdAt, from), lt(c.createdAt, to)))
    .groupBy(c.position, c.name, c.type)
    .orderBy(sql`count(*) desc`, c.position, c.name);
  return rows.map((r) => ({ position: r.position, name: r.name, type: r.type, clickCount: Number(r.clickCount), clickUser: Number(r.clickUser) }));
}
