/** The console's article and draft shapes (src/console/articlePresenter.ts). */

/** One article as the editor holds it: WeChat's draft fields plus Herald's console extensions. */
export interface ArticleFields {
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  need_open_comment: 0 | 1;
  only_fans_can_comment: 0 | 1;
  original: boolean;
  can_reprint: boolean;
  donations_enabled: boolean;
  ads_enabled: boolean;
}

/** An article of a saved draft: its fields, its page id and the cover's address. */
export interface SavedArticle extends ArticleFields {
  id: string;
  idx: number;
  thumb_url: string;
}

export interface DraftView {
  media_id: string;
  state: string;
  updated_at: number;
  articles: SavedArticle[];
}

export interface DraftSummary {
  media_id: string;
  title: string;
  cover_url: string;
  article_count: number;
  updated_at: number;
  titles: string[];
}

export interface PublishedArticle {
  id: string;
  idx: number;
  title: string;
  cover_url: string;
  url: string;
  read_count: number;
  like_count: number;
  wow_count: number;
  share_count: number;
  comment_count: number;
  deleted: boolean;
}

export interface PublishedGroup {
  article_id: string;
  published_at: number;
  articles: PublishedArticle[];
}

export interface PublishStatus {
  publish_id: string;
  status: number;
  status_label: string;
  article_id: string | null;
  fail_idx: number[];
  urls: string[];
  /** When content review rejected it: what was found, and in which article. */
  violation: { category: string; category_label: string; passage: string; article_idx: number | null } | null;
}

export interface LinkWarning {
  url: string;
  domain: string;
  message: string;
}

/** Field limits WeChat applies to draft articles (src/domain/article.ts holds the server's copy). */
export const LIMITS = { title: 32, author: 16, digest: 128 } as const;

/** Most articles in one push post. */
export const MAX_ARTICLES = 8;

export function emptyArticle(): ArticleFields {
  return {
    title: '',
    author: '',
    digest: '',
    content: '',
    content_source_url: '',
    thumb_media_id: '',
    need_open_comment: 1,
    only_fans_can_comment: 0,
    original: false,
    can_reprint: true,
    donations_enabled: false,
    ads_enabled: false,
  };
}
