/**
 * A few weeks of activity for the demo accounts, so the Data pages (数据) have something to
 * chart on the first start: follows from QR codes, search and profile cards, unfollows, article
 * reads and shares, follower messages and menu taps. Each is made by the command that records
 * it in real use, with the Herald clock set back to the day it happened (and put back after), so
 * the reports read only what was really recorded. Deterministic: the same numbers every first start.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Services } from '../services.js';
import { articles } from '../../modules/articles/schema.js';
import { runPublishJobs } from '../../modules/articles/index.js';
import { createFollowerUser, followAccount, unfollowAccount } from '../../modules/followers/index.js';
import { clickMenu, publishMenu } from '../../modules/menus/index.js';
import { sendUserMessage } from '../../modules/messaging/index.js';
import { recordArticleView, shareArticle } from '../../modules/reader/index.js';
import type { UserMessageInput } from '../../modules/messaging/rules/userMessage.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How many days back the history starts. */
export const HISTORY_DAYS = 21;

const SCENES = ['ADD_SCENE_QR_CODE', 'ADD_SCENE_SEARCH', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_PROFILE_CARD'] as const;
const SHARE_TARGETS = ['chat', 'moments', 'group', 'chat', 'discover'] as const;

export interface HistoryAccount {
  id: string;
  appid: string;
  /** Nicknames for the followers the history adds. */
  names: readonly string[];
  /** What followers write. */
  words: readonly string[];
  /** The menu's buttons (top-level clicks and views). */
  menu: Array<{ type: 'click' | 'view'; name: string; key?: string; url?: string }>;
}

/** A small deterministic sequence (a linear congruential generator): plausible, repeatable numbers. */
function sequence(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** The China-time instant of `hour`:00 on the day `daysAgo` before now (on the clock's offset). */
const at = (nowMs: number, daysAgo: number, hour: number) => {
  const chinaMidnight = Math.floor((nowMs + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS;
  return chinaMidnight - daysAgo * DAY_MS + hour * HOUR_MS;
};

/**
 * Records HISTORY_DAYS days of activity for each account, the clock moved to each moment and
 * back to where it was at the end (also when something fails).
 */
export async function seedDemoHistory(services: Services, list: HistoryAccount[]): Promise<void> {
  const { clock } = services;
  const offset = clock.offsetMs();
  const realNow = clock.nowMs();
  const moveTo = (ms: number) => clock.setOffset(offset + (ms - realNow));
  try {
    for (const [n, account] of list.entries()) {
      const next = sequence(20261207 + n);
      moveTo(at(realNow, HISTORY_DAYS + 1, 9));
      await publishMenu(services, account.id, account.menu.map((b) => ({ ...b })), 'console');
      // The welcome article is published before the history (its publish job runs now, back then).
      await runPublishJobs(services);
      const [article] = await services.db
        .select({ id: articles.id })
        .from(articles)
        .where(and(eq(articles.accountId, account.id), isNotNull(articles.publishedAt)))
        .limit(1);
      const followers: string[] = [];
      let named = 0;
      for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
        const weekend = [0, 6].includes(new Date(at(realNow, daysAgo, 12) + 8 * HOUR_MS).getUTCDay());
        // Morning: new followers, from QR codes mostly.
        moveTo(at(realNow, daysAgo, 8 + next(3)));
        for (let i = 0, k = 1 + next(weekend ? 3 : 5); i < k; i++) {
          const user = await createFollowerUser(services, { nickname: `${account.names[named++ % account.names.length]}${named > account.names.length ? named : ''}` });
          await followAccount(services, user.id, account.appid, { scene: SCENES[next(SCENES.length)] });
          followers.push(user.id);
        }
        // Midday: reading, sharing, writing and tapping the menu.
        moveTo(at(realNow, daysAgo, 12 + next(2)));
        if (article) {
          for (let i = 0, k = 3 + next(8); i < k; i++) await recordArticleView(services, { articleId: article.id, accountId: account.id });
          for (let i = 0, k = next(4); i < k; i++) {
            await shareArticle(services, { articleId: article.id, userId: followers[next(followers.length)] as string, target: SHARE_TARGETS[next(SHARE_TARGETS.length)] });
          }
        }
        moveTo(at(realNow, daysAgo, 18 + next(3)));
        for (let i = 0, k = 1 + next(5); i < k; i++) {
          const input: UserMessageInput = next(6) === 0 ? { msgtype: 'link', title: account.words[0], description: account.words[1], url: 'https://example.com/' } : { msgtype: 'text', content: account.words[next(account.words.length)] as string };
          await sendUserMessage(services, followers[next(followers.length)] as string, account.appid, input);
        }
        for (let i = 0, k = next(5); i < k; i++) await clickMenu(services, followers[next(followers.length)] as string, account.appid, [next(account.menu.length)]);
        // Evening: now and then someone leaves.
        if (followers.length > 4 && next(3) === 0) {
          moveTo(at(realNow, daysAgo, 22));
          const [gone] = followers.splice(next(followers.length), 1);
          await unfollowAccount(services, gone as string, account.appid);
        }
      }
    }
  } finally {
    clock.setOffset(offset);
  }
}
