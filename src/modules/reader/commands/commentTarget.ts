import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findArticleAt } from '../../articles/index.js';
import type { ArticleRow } from '../../articles/index.js';
import { findComment, type CommentRow } from '../store/articleComments.js';
import { findArticleWithAccount, findGroupByMsgDataId } from '../store/readerArticles.js';

/**
 * What the comment management APIs address: an article by the msg_data_id of the publish or
 * mass send that carried it and its 0-based index in the group, and a comment by its
 * user_comment_id. Refusals carry WeChat's errcode (88001 no such article, 88008 no such comment).
 */
export async function commentedArticle(db: Executor, address: CommentAddress): Promise<ArticleRow> {
  if ('articleId' in address) return articleById(db, address.accountId, address.articleId);
  const { accountId, msgDataId, index } = address;
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

/** The console's address: the article's id, which must be the account's and published. */
async function articleById(db: Executor, accountId: string, articleId: string): Promise<ArticleRow> {
  const found = await findArticleWithAccount(db, articleId);
  const article = found?.article;
  if (!article || article.accountId !== accountId || article.publishedAt === null || article.isDeleted) {
    throw new DomainError('not_found', 'No published article with this id.', { errcode: 88001 });
  }
  return article;
}

/**
 * How the comment commands address an article: the WeChat API by msg_data_id and index, the
 * console by the article's id. Both reach the same commands.
 */
export type CommentAddress =
  | {
      accountId: string;
      msgDataId: number;
      /** 0-based position in the group. */
      index: number;
    }
  | { accountId: string; articleId: string };
