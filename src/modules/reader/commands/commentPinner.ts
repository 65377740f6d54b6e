import type { Services } from '../../../main/services.js';
import { setPinned } from '../store/commentModeration.js';
import { commentOf, commentedArticle, type CommentAddress } from './commentTarget.js';

/**
 * Pins a comment (置顶) so it shows first under the article, or unpins it. An article has one
 * pinned comment: pinning another unpins the first.
 */
export async function pinComment(services: Pick<Services, 'db'>, input: CommentAddress & { commentId: number; pinned: boolean }): Promise<void> {
  await services.db.transaction(async (tx) => {
    const article = await commentedArticle(tx, input);
    const comment = await commentOf(tx, article, input.commentId);
    await setPinned(tx, article.id, comment.id, input.pinned);
  });
}
