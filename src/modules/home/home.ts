import type { Services } from '../../main/services.js';
import { nextChinaDayStart } from '../../platform/clock.js';
import type { AccountRow } from '../accounts/index.js';
import { countFollowersNow, followerFigures } from '../followers/index.js';
import { countReceivedMessages } from '../messaging/index.js';
import { recentPosts, totalReads } from '../articles/index.js';
import { massQuotaStatus } from '../broadcasts/index.js';
import { presentQuota } from '../broadcasts/index.js';
import { scheduledPostsOf } from '../broadcasts/index.js';
import { countWaitingSessions } from '../kf/index.js';
import { violationsSince } from '../moderation/index.js';
import { verificationNotice, type VerificationNotice } from '../accounts/rules/verificationExpiry.js';

const DAY_MS = 86_400_000;
/** Violations stay on the home page for 30 days after they were recorded. */
const VIOLATION_NOTICE_MS = 30 * DAY_MS;
const RECENT_POSTS = 5;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Something the account must know or act on; the console words it from `kind` and the fields given. */
export type HomeNotice =
  | { kind: 'account_status'; status: string }
  | { kind: 'violations'; count: number; latest_at: string | null; latest_category: string | null }
  | { kind: 'unverified' }
  | VerificationNotice
  | { kind: 'scheduled_posts'; count: number; next_at: string | null }
  | { kind: 'waiting_followers'; count: number }
  | { kind: 'server_not_configured' };

/**
 * The account's home (首页): today's and yesterday's figures (China calendar days), the push
 * quota left and when the next push is possible, notices, and recent posts with their reads.
 * Each figure comes from the module that owns it.
 */
export async function accountHome(services: Pick<Services, 'db' | 'clock'>, account: AccountRow) {
  const now = services.clock.nowMs();
  const todayStart = new Date(nextChinaDayStart(now) - DAY_MS);
  const yesterdayStart = new Date(todayStart.getTime() - DAY_MS);
  const nowDate = new Date(now);
  const db = services.db;
  const [today, yesterday, total, msgToday, msgYesterday, reads, posts, quota, scheduled, waiting, violations] = await Promise.all([
    followerFigures(db, account.id, todayStart, nowDate),
    followerFigures(db, account.id, yesterdayStart, todayStart),
    countFollowersNow(db, account.id),
    countReceivedMessages(db, account.id, todayStart, nowDate),
    countReceivedMessages(db, account.id, yesterdayStart, todayStart),
    totalReads(db, account.id),
    recentPosts(db, account.id, RECENT_POSTS),
    massQuotaStatus(services, account.id),
    scheduledPostsOf(db, account.id),
    countWaitingSessions(db, account.id),
    violationsSince(db, account.id, new Date(now - VIOLATION_NOTICE_MS)),
  ]);
  const netToday = today.newFollowers - today.unfollows;
  const notices: HomeNotice[] = [];
  if (account.status !== 'active') notices.push({ kind: 'account_status', status: account.status });
  if (violations.count > 0) {
    notices.push({ kind: 'violations', count: violations.count, latest_at: iso(violations.latestAt), latest_category: violations.latestCategory });
  }
  if (waiting > 0) notices.push({ kind: 'waiting_followers', count: waiting });
  if (scheduled.count > 0) notices.push({ kind: 'scheduled_posts', count: scheduled.count, next_at: iso(scheduled.nextAt) });
  if (!account.verified) notices.push({ kind: 'unverified' });
  const verification = verificationNotice(account.verified, account.verifiedUntil, now);
  if (verification) notices.push(verification);
  if (!account.serverEnabled) notices.push({ kind: 'server_not_configured' });
  return {
    day: { today_start: todayStart.toISOString(), now: nowDate.toISOString() },
    figures: {
      today: { new_followers: today.newFollowers, unfollows: today.unfollows, net_followers: netToday, total_followers: total, messages: msgToday },
      yesterday: {
        new_followers: yesterday.newFollowers,
        unfollows: yesterday.unfollows,
        net_followers: yesterday.newFollowers - yesterday.unfollows,
        // Followers at the end of yesterday: today's net change taken back.
        total_followers: total - netToday,
        messages: msgYesterday,
      },
      total_reads: reads,
    },
    quota: { ...presentQuota(quota), next_allowed_at: quota.remaining > 0 ? nowDate.toISOString() : iso(quota.nextAvailableAt) },
    notices,
    recent_posts: posts.map((p) => ({ id: p.id, title: p.title, published_at: p.publishedAt.toISOString(), reads: p.readCount, likes: p.likeCount, url: `/s/${p.id}` })),
  };
}

/** The home's answer, as the web app imports it (type-only). */
export type AccountHome = Awaited<ReturnType<typeof accountHome>>;
