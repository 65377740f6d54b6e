/**
 * Rules for readers' actions on articles (no I/O): who may comment, what a comment and a
 * donation may be, and which requests are crawlers rather than readers.
 */
import { charCount } from '../../platform/text.js';

/** A comment is 1 to 600 characters (as WeChat's comment box). */
export const COMMENT_MAX_CHARS = 600;
/** A reply by the account (comment/reply/add) is at most this long. */
export const REPLY_MAX_CHARS = 600;
/** Donations: ¥0.01 to ¥500, in fen. */
export const DONATION_MIN_FEN = 1;
export const DONATION_MAX_FEN = 50_000;
/** A donor's note. */
export const DONATION_MESSAGE_MAX = 40;
/** Featured comments per article (comment/markelect answers 88003 beyond). */
export const FEATURED_MAX = 100;

export const SHARE_TARGETS = ['chat', 'group', 'moments', 'discover'] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];

export type ReactionKind = 'like' | 'wow';

/** What a reader needs to know about an article to act on it. */
export interface ReadableArticle {
  publishedAt: Date | null;
  isDeleted: boolean;
  needOpenComment: number;
  onlyFansCanComment: number;
  original: boolean;
  donationsEnabled: boolean;
}

/** Whether readers can see the article at all (published and not deleted). */
export const isReadable = (a: Pick<ReadableArticle, 'publishedAt' | 'isDeleted'>): boolean => a.publishedAt !== null && !a.isDeleted;

/** Why a reader may not comment, or null when they may. */
export function commentRefusal(a: ReadableArticle, isFollower: boolean): 'comments_closed' | 'followers_only' | null {
  if (a.needOpenComment !== 1) return 'comments_closed';
  if (a.onlyFansCanComment === 1 && !isFollower) return 'followers_only';
  return null;
}

/** Whether the article takes donations: original content with donations turned on. */
export const acceptsDonations = (a: Pick<ReadableArticle, 'original' | 'donationsEnabled'>): boolean => a.original && a.donationsEnabled;

/** Characters as a reader counts them (code points, not UTF-16 units). */
export { charCount };

const BOT_UA = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|embedly|whatsapp|telegram|slack|discord|skypeuripreview|bingpreview|curl\/|wget\/|python-requests|python-urllib|go-http-client|java\/|okhttp|httpclient|libwww|headlesschrome|phantomjs|lighthouse|pingdom|uptimerobot|monitor/i;

/** Whether a User-Agent is a crawler or a tool rather than a reader (no UA at all counts as a tool). */
export function isBotUserAgent(ua: string | undefined): boolean {
  if (!ua || ua.trim() === '') return true;
  return BOT_UA.test(ua);
}
