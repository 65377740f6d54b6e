import { articleUrlFor } from '../rules/articleUrl.js';
import { mediaUrl } from '../../media/rules/media.js';
import type { ArticleRow } from '../store/articles.js';
import type { NewsGroupRow } from '../store/newsGroups.js';

const unix = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : 0);
const coverOf = (publicUrl: string, a: Pick<ArticleRow, 'thumbMediaId'> | undefined) => (a?.thumbMediaId ? mediaUrl(publicUrl, a.thumbMediaId) : '');

/** One article as the console's editor edits it (WeChat's field names plus Herald's extensions). */
export function presentEditorArticle(publicUrl: string, a: ArticleRow) {
  return {
    id: a.id,
    idx: a.idx,
    title: a.title,
    author: a.author,
    digest: a.digest,
    content: a.content,
    content_source_url: a.contentSourceUrl,
    thumb_media_id: a.thumbMediaId,
    thumb_url: coverOf(publicUrl, a),
    need_open_comment: a.needOpenComment === 1 ? 1 : 0,
    only_fans_can_comment: a.onlyFansCanComment === 1 ? 1 : 0,
    original: a.original,
    can_reprint: a.canReprint,
    donations_enabled: a.donationsEnabled,
    ads_enabled: a.adsEnabled,
  };
}

/** A draft with its articles, for the editor. */
export function presentDraft(publicUrl: string, group: NewsGroupRow, articles: ArticleRow[]) {
  return {
    media_id: group.id,
    state: group.state,
    updated_at: unix(group.updatedAt),
    articles: articles.map((a) => presentEditorArticle(publicUrl, a)),
  };
}

/** A draft in the draft box: the lead article's title and cover, the others' titles. */
export function presentDraftSummary(publicUrl: string, group: NewsGroupRow, articles: ArticleRow[]) {
  return {
    media_id: group.id,
    title: articles[0]?.title ?? '',
    cover_url: coverOf(publicUrl, articles[0]),
    article_count: articles.length,
    titles: articles.map((a) => a.title),
    updated_at: unix(group.updatedAt),
  };
}

/** How a public group reached people: the push post that carried it, if any. */
export interface GroupPush {
  msgId: number;
  /** scheduled | queued | sending | done | deleted */
  status: string;
  at: Date;
}

/**
 * A public news group (发表记录): published only, or pushed to followers (notified), with each
 * article's page address, reader counts and revenue (paid donations, fen).
 */
export function presentPublishedGroup(
  publicUrl: string,
  group: NewsGroupRow,
  articles: ArticleRow[],
  extra: { push?: GroupPush; revenueFen?: Map<string, number> } = {},
) {
  const push = extra.push;
  return {
    article_id: group.articleId ?? group.id,
    media_id: group.id,
    published_at: unix(articles.find((a) => a.publishedAt)?.publishedAt ?? group.updatedAt),
    /** Whether followers were (or are being) notified by a push post. */
    notified: push !== undefined && ['queued', 'sending', 'done', 'deleted'].includes(push.status),
    push: push ? { msg_id: push.msgId, status: push.status, at: unix(push.at) } : null,
    articles: articles.map((a) => ({
      id: a.id,
      idx: a.idx,
      title: a.title,
      cover_url: coverOf(publicUrl, a),
      url: articleUrlFor(publicUrl, a.id),
      read_count: a.readCount,
      like_count: a.likeCount,
      wow_count: a.wowCount,
      share_count: a.shareCount,
      comment_count: a.commentCount,
      revenue_fen: extra.revenueFen?.get(a.id) ?? 0,
      deleted: a.isDeleted,
    })),
  };
}

/** The console API's shapes, as the web app imports them (type-only). */
export type EditorArticle = ReturnType<typeof presentEditorArticle>;
export type DraftView = ReturnType<typeof presentDraft>;
export type DraftSummary = ReturnType<typeof presentDraftSummary>;
export type PublishedGroup = ReturnType<typeof presentPublishedGroup>;
