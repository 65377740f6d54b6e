/**
 * The console's Data pages (数据): users, content, menus, messages and API. Each page is a set of
 * tables (column names as the /datacube APIs name their fields), computed with the same report
 * and store functions the /datacube APIs use, so the console, its CSV files and the APIs agree.
 */
import type { Executor } from '../../platform/db/connect.js';
import { dayEnd, type DayRange, daysOf, dayStart } from './rules/dateRange.js';
import { countIntervalOf, MSG_TYPE_OF } from './rules/codes.js';
import * as reports from './reports.js';
import { articlesOf, sharesPerArticleDay } from './store/articles.js';
import { menuClicksByButton, menuClicksByDay } from './store/menus.js';
import { messagesPerSenderInRange } from './store/messages.js';
import { wechatApiCalls } from './store/wechatCalls.js';

export const DATA_PAGES = ['users', 'content', 'menus', 'messages', 'api'] as const;
export type DataPage = (typeof DATA_PAGES)[number];

type Cell = string | number;
/** One table of a page: column names and rows of cells in that order. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

export interface DataView {
  page: DataPage;
  begin: string;
  end: string;
  tables: Record<string, DataTable>;
}

const n = (v: unknown) => Number(v ?? 0);
const table = (columns: string[], rows: Cell[][]): DataTable => ({ columns, rows });

/** Sums the numeric fields of items grouped by one key field. */
function sumBy(items: Array<Record<string, unknown>>, key: string, fields: string[]): Map<Cell, Record<string, number>> {
  const out = new Map<Cell, Record<string, number>>();
  for (const item of items) {
    const k = item[key] as Cell;
    const acc = out.get(k) ?? Object.fromEntries(fields.map((f) => [f, 0]));
    for (const f of fields) acc[f] = (acc[f] ?? 0) + n(item[f]);
    out.set(k, acc);
  }
  return out;
}

/** 用户分析: follows, unfollows, net and the running total per day; follows and unfollows per source. */
async function usersPage(db: Executor, accountId: string, r: DayRange): Promise<DataView['tables']> {
  const [summary, cumulate] = await Promise.all([reports.userSummary(db, accountId, r), reports.userCumulate(db, accountId, r)]);
  const byDay = sumBy(summary, 'ref_date', ['new_user', 'cancel_user']);
  const total = new Map(cumulate.map((c) => [c.ref_date as string, n(c.cumulate_user)]));
  const bySource = sumBy(summary, 'user_source', ['new_user', 'cancel_user']);
  return {
    daily: table(
      ['ref_date', 'new_user', 'cancel_user', 'net_user', 'cumulate_user'],
      daysOf(r).map((day) => {
        const d = byDay.get(day) ?? { new_user: 0, cancel_user: 0 };
        return [day, d.new_user, d.cancel_user, d.new_user - d.cancel_user, total.get(day) ?? 0];
      }),
    ),
    sources: table(
      ['user_source', 'new_user', 'cancel_user', 'net_user'],
      [...bySource.entries()].sort((a, b) => b[1].new_user - a[1].new_user || n(a[0]) - n(b[0])).map(([s, d]) => [s, d.new_user, d.cancel_user, d.new_user - d.cancel_user]),
    ),
  };
}

/** 内容分析: reads and shares per day, shares per scene, shares per article. */
async function contentPage(db: Executor, accountId: string, r: DayRange): Promise<DataView['tables']> {
  const [read, share] = await Promise.all([reports.userRead(db, accountId, r, false), reports.userShare(db, accountId, r, false)]);
  const byDay = new Map(read.map((x) => [x.ref_date as string, x]));
  const scenes = sumBy(share, 'share_scene', ['share_count', 'share_user']);
  const [from, to] = [dayStart(r.begin), dayEnd(r.end)];
  const list = await articlesOf(db, accountId, from, to, true);
  const perDay = await sharesPerArticleDay(db, list.map((a) => a.id), from, to);
  const articleRows = list
    .map((a) => {
      let shareCount = 0;
      let shareUser = 0;
      for (const day of daysOf(r)) {
        const d = perDay.get(`${a.id} ${day}`);
        shareCount += d?.shareCount ?? 0;
        shareUser += d?.shareUser ?? 0;
      }
      return [a.msgid, a.title, shareCount, shareUser] as Cell[];
    })
    .sort((a, b) => n(b[2]) - n(a[2]) || String(a[0]).localeCompare(String(b[0])));
  return {
    daily: table(
      ['ref_date', 'int_page_read_count', 'share_count', 'share_user'],
      daysOf(r).map((day) => {
        const d = byDay.get(day);
        return [day, n(d?.int_page_read_count), n(d?.share_count), n(d?.share_user)];
      }),
    ),
    scenes: table(['share_scene', 'share_count', 'share_user'], [...scenes.entries()].sort((a, b) => n(a[0]) - n(b[0])).map(([s, d]) => [s, d.share_count, d.share_user])),
    articles: table(['msgid', 'title', 'share_count', 'share_user'], articleRows),
  };
}

/** 菜单分析: taps per day and per button. */
async function menusPage(db: Executor, accountId: string, r: DayRange): Promise<DataView['tables']> {
  const [days, buttons] = await Promise.all([menuClicksByDay(db, accountId, r.begin, r.end), menuClicksByButton(db, accountId, r.begin, r.end)]);
  const byDay = new Map(days.map((d) => [d.refDate, d]));
  return {
    daily: table(['ref_date', 'click_count', 'click_user'], daysOf(r).map((day) => [day, byDay.get(day)?.clickCount ?? 0, byDay.get(day)?.clickUser ?? 0])),
    buttons: table(['position', 'name', 'type', 'click_count', 'click_user'], buttons.map((b) => [b.position, b.name, b.type, b.clickCount, b.clickUser])),
  };
}

/** WeChat's msg_type codes in the order the page lists them. */
const MSG_TYPES = [...new Set(Object.values(MSG_TYPE_OF))].sort((a, b) => a - b);

/** 消息分析: messages per day and type, totals per type, and how many followers sent how many. */
async function messagesPage(db: Executor, accountId: string, r: DayRange): Promise<DataView['tables']> {
  const [from, to] = [dayStart(r.begin), dayEnd(r.end)];
  const [items, senders] = await Promise.all([reports.upstreamMsg(db, accountId, r, 'day'), messagesPerSenderInRange(db, accountId, from, to)]);
  const count = new Map(items.map((m) => [`${m.ref_date} ${m.msg_type}`, n(m.msg_count)]));
  const types = sumBy(items, 'msg_type', ['msg_count', 'msg_user']);
  const intervals = new Map<number, number>();
  for (const c of senders) intervals.set(countIntervalOf(c), (intervals.get(countIntervalOf(c)) ?? 0) + 1);
  return {
    daily: table(
      ['ref_date', ...MSG_TYPES.map((t) => `msg_type_${t}`), 'msg_count'],
      daysOf(r).map((day) => {
        const perType = MSG_TYPES.map((t) => count.get(`${day} ${t}`) ?? 0);
        return [day, ...perType, perType.reduce((a, b) => a + b, 0)];
      }),
    ),
    types: table(['msg_type', 'msg_count', 'msg_user'], MSG_TYPES.map((t) => [t, types.get(t)?.msg_count ?? 0, types.get(t)?.msg_user ?? 0])),
    distribution: table(['count_interval', 'msg_user'], [1, 2, 3].map((i) => [i, intervals.get(i) ?? 0])),
  };
}

/** 接口分析: calls to the developer's server per day (failures, latency), and calls to WeChat's APIs. */
async function apiPage(db: Executor, accountId: string, r: DayRange): Promise<DataView['tables']> {
  const [calls, wechat] = await Promise.all([
    reports.interfaceSummary(db, accountId, r, false),
    wechatApiCalls(db, accountId, r.begin, r.end, dayStart(r.begin), dayEnd(r.end)),
  ]);
  const byDay = new Map(calls.map((c) => [c.ref_date as string, c]));
  return {
    daily: table(
      ['ref_date', 'callback_count', 'fail_count', 'avg_time_cost', 'max_time_cost'],
      daysOf(r).map((day) => {
        const c = byDay.get(day);
        const count = n(c?.callback_count);
        return [day, count, n(c?.fail_count), count ? Math.round(n(c?.total_time_cost) / count) : 0, n(c?.max_time_cost)];
      }),
    ),
    wechat: table(['api', 'calls', 'failures'], wechat.map((w) => [w.api, w.calls, w.failures])),
  };
}

const PAGES: Record<DataPage, (db: Executor, accountId: string, r: DayRange) => Promise<DataView['tables']>> = {
  users: usersPage,
  content: contentPage,
  menus: menusPage,
  messages: messagesPage,
  api: apiPage,
};

/** One Data page of an account over a checked range of China days. */
export async function dataPage(db: Executor, accountId: string, page: DataPage, r: DayRange): Promise<DataView> {
  return { page, begin: r.begin, end: r.end, tables: await PAGES[page](db, accountId, r) };
}
