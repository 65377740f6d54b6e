import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findComment } from '../store/articleComments.js';
import { setCommentLike } from '../store/commentModeration.js';
import { readableArticle } from './readerArticle.js';

/**
 * A reader likes a comment they can see (a featured one, or their own) or takes the like back.
 * Idempotent; returns the comment's like count after the change.
 */
export async function likeComment(services: Pick<Services, 'db' | 'clock'>, input: { articleId: string; commentId: number; userId: string; on: boolean }): Promise<{ liked: boolean; likeCount: number }> {
  const { article } = await readableArticle(services.db, input.articleId);
  const comment = await findComment(services.db, article.id, input.commentId);
  if (!comment || comment.deleted || (!comment.elected && comment.userId !== input.userId)) throw new DomainError('not_found', 'No such comment.');
  const likeCount = await setCommentLike(services.db, { commentId: comment.id, userId: input.userId, on: input.on, now: services.clock.now() });
  return { liked: input.on, likeCount };
}
