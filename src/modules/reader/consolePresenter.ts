import type { ManagedComment } from './store/commentModeration.js';
import type { listBlocks, listCommentedArticles } from './store/commentModeration.js';

/** A comment as the console's 留言管理 lists it. */
export function presentManagedComment(c: ManagedComment) {
  return {
    id: c.id,
    article_id: c.articleId,
    article_title: c.articleTitle,
    content: c.content,
    created_at: c.createdAt.toISOString(),
    like_count: c.likeCount,
    featured: c.elected,
    pinned: c.pinned,
    commenter: { user_id: c.userId, nickname: c.nickname, avatar_url: c.avatarUrl, openid: c.openid, blocked: c.blocked },
    reply: c.replyContent !== null ? { content: c.replyContent, created_at: c.replyAt?.toISOString() ?? null } : null,
  };
}
export type ManagedCommentView = ReturnType<typeof presentManagedComment>;

/** A published article with its comment settings. */
export function presentCommentedArticle(a: Awaited<ReturnType<typeof listCommentedArticles>>[number]) {
  return {
    id: a.id,
    title: a.title,
    published_at: a.publishedAt?.toISOString() ?? null,
    open: a.needOpenComment === 1,
    followers_only: a.onlyFansCanComment === 1,
    comment_count: a.commentCount,
  };
}
export type CommentedArticleView = ReturnType<typeof presentCommentedArticle>;

/** A reader the account blocked from commenting. */
export function presentBlockedReader(b: Awaited<ReturnType<typeof listBlocks>>[number]) {
  return { user_id: b.userId, nickname: b.nickname, avatar_url: b.avatarUrl, openid: b.openid ?? null, blocked_at: b.createdAt.toISOString() };
}
export type BlockedReaderView = ReturnType<typeof presentBlockedReader>;

/** The account's comment settings for new articles. */
export const presentCommentDefaults = (d: { open: boolean; followersOnly: boolean }) => ({ open: d.open, followers_only: d.followersOnly });
export type CommentDefaultsView = ReturnType<typeof presentCommentDefaults>;
