/**
 * The datacube reports: each takes a checked day range and answers WeChat's `list` items
 * (reference §12), computed from what Herald recorded. Fields Herald has no record for are
 * answered as WeChat answers them for no activity: zero.
 */
import type { Executor } from '../../platform/db/connect.js';
import { dayEnd, dayNumber, dayOf, type DayRange, daysOf, dayStart, refHour } from './rules/dateRange.js';
import { countIntervalOf, userSourceOf } from './rules/codes.js';
import { followersAt, followsBySceneDay, unfollowsBySceneDay } from './store/users.js';
import { messagesPerSender, upstreamMessages } from './store/messages.js';
import { callbackCalls } from './store/interface.js';
import { articlesOf, readsByDay, sharesByScene, sharesPerArticleDay, sharesTotal } from './store/articles.js';
import type { Period } from './store/period.js';

type Item = Record<string, string | number | Item[]>;

const span = (r: DayRange) => [dayStart(r.begin), dayEnd(r.end)] as const;

/** The counters an article report carries; Herald records shares, not favourites or per-reader reads. */
function articleCounters(reads: { count: number; user: number }, shares: { shareCount: number; shareUser: number }): Item {
  return {
    int_page_read_user: reads.user,
    int_page_read_count: reads.count,
    ori_page_read_user: 0,
    ori_page_read_count: 0,
    share_user: shares.shareUser,
    share_count: shares.shareCount,
    add_to_fav_user: 0,
    add_to_fav_count: 0,
  };
}

const NO_SHARES = { shareCount: 0, shareUser: 0 };
const NO_READS = { count: 0, user: 0 };

/** getusersummary: follows and unfollows per day and user_source (days and sources with activity). */
export async function userSummary(db: Executor, accountId: string, r: DayRange): Promise<Item[]> {
  const [from, to] = span(r);
  const [news, cancels] = await Promise.all([followsBySceneDay(db, accountId, from, to), unfollowsBySceneDay(db, accountId, from, to)]);
  const items = new Map<string, { ref_date: string; user_source: number; new_user: number; cancel_user: number }>();
  const at = (day: string, scene: string) => {
    const source = userSourceOf(scene);
    const key = `${day} ${source}`;
    const item = items.get(key) ?? { ref_date: day, user_source: source, new_user: 0, cancel_user: 0 };
    items.set(key, item);
    return item;
  };
  for (const n of news) at(n.day, n.scene).new_user += n.count;
  for (const c of cancels) at(c.day, c.scene).cancel_user += c.count;
  return [...items.values()].sort((a, b) => a.ref_date.localeCompare(b.ref_date) || a.user_source - b.user_source);
}

/** getusercumulate: the followers at the end of each day. */
export async function userCumulate(db: Executor, accountId: string, r: DayRange): Promise<Item[]> {
  const out: Item[] = [];
  for (const day of daysOf(r)) out.push({ ref_date: day, user_source: 0, cumulate_user: await followersAt(db, accountId, dayEnd(day)) });
  return out;
}

/** getuserread / getuserreadhour: reads (the daily read log) and shares per day (or hour). */
export async function userRead(db: Executor, accountId: string, r: DayRange, byHour: boolean): Promise<Item[]> {
  const [from, to] = span(r);
  const shares = await sharesTotal(db, accountId, from, to, byHour);
  if (byHour) {
    // The read log counts per day, not per hour: hourly items carry the shares made in that hour.
    return shares
      .map((s) => {
        const [day, hour] = s.key.split(' ') as [string, string];
        return { ref_date: day, ref_hour: refHour(Number(hour)), user_source: 99999999, ...articleCounters(NO_READS, s) };
      })
      .sort((a, b) => a.ref_date.localeCompare(b.ref_date) || a.ref_hour - b.ref_hour);
  }
  const reads = await readsByDay(db, accountId, r.begin, r.end);
  const byDay = new Map(shares.map((s) => [s.key, s]));
  return daysOf(r)
    .filter((day) => (reads.get(day) ?? 0) > 0 || byDay.has(day))
    .map((day) => ({ ref_date: day, user_source: 99999999, ...articleCounters({ count: reads.get(day) ?? 0, user: 0 }, byDay.get(day) ?? NO_SHARES) }));
}

/** getusershare / getusersharehour: shares per day (or hour) and share_scene. */
export async function userShare(db: Executor, accountId: string, r: DayRange, byHour: boolean): Promise<Item[]> {
  const [from, to] = span(r);
  return (await sharesByScene(db, accountId, from, to, byHour)).map((s) => ({
    ref_date: s.refDate,
    ...(byHour ? { ref_hour: refHour(s.refHour ?? 0) } : {}),
    share_scene: s.shareScene,
    share_count: s.shareCount,
    share_user: s.shareUser,
  }));
}

/** getarticlesummary: each article published or shared on the day, with its figures of the day. */
export async function articleSummary(db: Executor, accountId: string, r: DayRange): Promise<Item[]> {
  const [from, to] = span(r);
  const list = await articlesOf(db, accountId, from, to, true);
  const shares = await sharesPerArticleDay(db, list.map((a) => a.id), from, to);
  return list.map((a) => ({ ref_date: r.begin, msgid: a.msgid, title: a.title, ...articleCounters(NO_READS, shares.get(`${a.id} ${r.begin}`) ?? NO_SHARES) }));
}

/**
 * getarticletotal: each article published on the day, with one detail per day from then up to
 * seven days later (and no later than yesterday), its counters cumulative as WeChat reports them.
 */
export async function articleTotal(db: Executor, accountId: string, r: DayRange, yesterday: string): Promise<Item[]> {
  const [from, to] = span(r);
  const list = await articlesOf(db, accountId, from, to, false);
  if (list.length === 0) return [];
  const first = dayNumber(r.begin) as number;
  const last = Math.min(first + 6, dayNumber(yesterday) as number);
  const days = daysOf({ begin: r.begin, end: dayOf(last) });
  const shares = await sharesPerArticleDay(db, list.map((a) => a.id), from, dayEnd(dayOf(last)));
  const targetUser = await followersAt(db, accountId, to);
  return list.map((a) => {
    const total = { shareCount: 0, shareUser: 0 };
    const details = days.map((day) => {
      const d = shares.get(`${a.id} ${day}`);
      total.shareCount += d?.shareCount ?? 0;
      total.shareUser += d?.shareUser ?? 0;
      return { stat_date: day, target_user: targetUser, ...articleCounters(NO_READS, { ...total }) };
    });
    return { ref_date: r.begin, msgid: a.msgid, title: a.title, details };
  });
}

/** getupstreammsg (day/hour/week/month): messages and senders per period and msg_type. */
export async function upstreamMsg(db: Executor, accountId: string, r: DayRange, period: Period, byHour = false): Promise<Item[]> {
  const [from, to] = span(r);
  return (await upstreamMessages(db, accountId, from, to, period, byHour)).map((m) => ({
    ref_date: m.refDate,
    ...(byHour ? { ref_hour: refHour(m.refHour ?? 0) } : {}),
    msg_type: m.msgType,
    msg_user: m.msgUser,
    msg_count: m.msgCount,
  }));
}

/** getupstreammsgdist (day/week/month): how many followers sent 1–5, 6–10 or more than 10 messages. */
export async function upstreamMsgDist(db: Executor, accountId: string, r: DayRange, period: Period): Promise<Item[]> {
  const [from, to] = span(r);
  const buckets = new Map<string, { ref_date: string; count_interval: number; msg_user: number }>();
  for (const s of await messagesPerSender(db, accountId, from, to, period)) {
    const interval = countIntervalOf(s.count);
    const key = `${s.refDate} ${interval}`;
    const b = buckets.get(key) ?? { ref_date: s.refDate, count_interval: interval, msg_user: 0 };
    b.msg_user += 1;
    buckets.set(key, b);
  }
  return [...buckets.values()].sort((a, b) => a.ref_date.localeCompare(b.ref_date) || a.count_interval - b.count_interval);
}

/** getinterfacesummary / hour: WeChat's calls to the developer's server, failures and latency. */
export async function interfaceSummary(db: Executor, accountId: string, r: DayRange, byHour: boolean): Promise<Item[]> {
  const [from, to] = span(r);
  return (await callbackCalls(db, accountId, from, to, byHour)).map((c) => ({
    ref_date: c.refDate,
    ...(byHour ? { ref_hour: refHour(c.refHour ?? 0) } : {}),
    callback_count: c.callbackCount,
    fail_count: c.failCount,
    total_time_cost: c.totalTimeCost,
    max_time_cost: c.maxTimeCost,
  }));
}
