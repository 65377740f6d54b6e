/** The console's push-post API shapes, from the server's presenters (type-only). */
import type { ConsolePush } from '../../../../src/modules/broadcasts/console/broadcastPresenter.js';

export type { PushCounts, PushQuota, PushSchedule } from '../../../../src/modules/broadcasts/console/broadcastPresenter.js';
export type { ConsoleViolation as Violation } from '../../../../src/modules/moderation/console.js';

/** A push post as the history and the detail view show it. */
export type Push = ConsolePush;
export type PushAudience = Push['audience'];

/** The statuses a push post goes through (the presenter sends the stored text). */
export type PushStatus = 'awaiting_confirmation' | 'scheduled' | 'queued' | 'sending' | 'done' | 'failed' | 'cancelled' | 'deleted';

/** What the composer sends to POST /broadcasts. */
export interface PushRequest {
  /** article: a published article (图文 from 发表记录), sent as the mpnews of its news group. */
  msgtype: 'mpnews' | 'text' | 'image' | 'voice' | 'mpvideo' | 'article';
  draftId?: string;
  mediaId?: string;
  articleId?: string;
  content?: string;
  audience: { kind: 'all' } | { kind: 'tag'; tagId: number };
  scheduledAt?: string;
  sendIgnoreReprint?: boolean;
}

/** Statuses whose counts still change: the page polls while one is shown. */
export const isLive = (s: string) => s === 'queued' || s === 'sending';
