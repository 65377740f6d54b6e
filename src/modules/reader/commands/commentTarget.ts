import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findArticleAt } from '../../articles/index.js';
import type { ArticleRow } from '../../articles/index.js';
import { findComment, type CommentRow } from '../store/articleComments.js';
import { findGroupByMsgDataId } from '../store/readerArticles.js';

/**
 * What the comment management APIs address: an article by the msg_data_id of the publish or
 * mass send that carried it and its 0-based index in the group, and a comment by its
 * user_comment_id. Refusals carry WeChat's errcode (88001 no such article, 88008 no such comment).
 */
export async function commentedArticle(db: Executor, accountId: string, msgDataId: number, index: number): Promise<ArticleRow> {
  const group = Number.isSafeInteger(msgDataId) && msgDataId > 0 ? await findGroupByMsgDataId(db, accountId, msgDataId) : undefined;
  const article = group && Number.isSafeInteger(index) && index >= 0 ? await findArticleAt(db, group.id, index) : undefined;
  if (!article || article.publishedAt === null) throw new DomainError('not_found', 'No published article has this msg_data_id and index.', { errcode: 88001 });
  return article;
}

/** A comment of the article; 88008 when there is none with this id (or it was deleted). */
export async function commentOf(db: Executor, article: ArticleRow, commentId: number, opts: { deleted?: 'refuse' | 'allow' } = {}): Promise<CommentRow> {
  const comment = await findComment(db, article.id, commentId);
  if (!comment || (comment.deleted && opts.deleted !== 'allow')) throw new DomainError('not_found', 'No such comment.', { errcode: 88008 });
  return comment;
}

/** The address every comment API takes. */
export interface CommentAddress {
  accountId: string;
  msgDataId: number;
  /** 0-based position in the group. */
  index: number;
}
