/** The console's article and draft shapes, from the server's presenters (type-only). */
import type { EditorArticle, PublishedGroup } from '../../../../src/modules/articles/console/articlePresenter.js';

export type { DraftSummary, DraftView, PublishedGroup } from '../../../../src/modules/articles/console/articlePresenter.js';
export type { PublishStatus } from '../../../../src/modules/articles/console/publishRoutes.js';
/** A link the editor warns about (POST /link-check). */
export type { LinkWarning } from '../../../../src/modules/moderation/commands/linkChecker.js';

/** An article of a saved draft: its fields, its page id and the cover's address. */
export type SavedArticle = EditorArticle;

/** One article as the editor holds it: WeChat's draft fields plus Herald's console extensions. */
export type ArticleFields = Omit<EditorArticle, 'id' | 'idx' | 'thumb_url'>;

export type PublishedArticle = PublishedGroup['articles'][number];

/** Field limits WeChat applies to draft articles (src/domain/article.ts holds the server's copy). */
export const LIMITS = { title: 32, author: 16, digest: 128 } as const;

/** Most articles in one push post. */
export const MAX_ARTICLES = 8;

/**
 * A new article. Comments follow the account's default for new articles (留言设置) when it is
 * known, else they are open to every reader.
 */
export function emptyArticle(comments?: { open: boolean; followers_only: boolean }): ArticleFields {
  return {
    title: '',
    author: '',
    digest: '',
    content: '',
    content_source_url: '',
    thumb_media_id: '',
    need_open_comment: comments && !comments.open ? 0 : 1,
    only_fans_can_comment: comments?.open && comments.followers_only ? 1 : 0,
    original: false,
    can_reprint: true,
    donations_enabled: false,
    ads_enabled: false,
  };
}
