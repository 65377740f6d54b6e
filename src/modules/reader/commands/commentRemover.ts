import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { deleteComment } from '../store/articleComments.js';
import { commentedArticle, type CommentAddress } from './commentTarget.js';

/** The account deletes a reader's comment (comment/delete); the article's comment count drops. */
export async function removeComment(services: Pick<Services, 'db'>, input: CommentAddress & { commentId: number }): Promise<void> {
  const article = await commentedArticle(services.db, input);
  if (!(await deleteComment(services.db, article.id, input.commentId))) throw new DomainError('not_found', 'No such comment.', { errcode: 88008 });
}
