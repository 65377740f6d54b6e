/** The console's comment API shapes, from the server's presenters (type-only). */
import type { BlockedReaderView, CommentDefaultsView, CommentedArticleView, ManagedCommentView } from '../../../../src/modules/reader/consolePresenter.js';

export type ManagedComment = ManagedCommentView;
export type CommentedArticle = CommentedArticleView;
export type BlockedReader = BlockedReaderView;
export type CommentDefaults = CommentDefaultsView;

/** GET /comments: a page, newest first. */
export interface CommentPage {
  comments: ManagedComment[];
  next_before: number | null;
}

/** GET /comments/articles: the published articles with their settings, and the account's defaults. */
export interface CommentArticles {
  articles: CommentedArticle[];
  defaults: CommentDefaults;
}

/** Which comments the list shows. */
export type CommentFilter = 'all' | 'featured' | 'normal';

/** Who may comment: closed, every reader, or followers only (the two flags as one choice). */
export type CommentAudience = 'closed' | 'all' | 'followers';

export const audienceOf = (s: { open: boolean; followers_only: boolean }): CommentAudience => (!s.open ? 'closed' : s.followers_only ? 'followers' : 'all');
export const settingsOf = (a: CommentAudience) => ({ open: a !== 'closed', followers_only: a === 'followers' });
