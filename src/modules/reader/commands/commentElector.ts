import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { FEATURED_MAX } from '../rules.js';
import { countElected, setElected } from '../store/articleComments.js';
import { commentOf, commentedArticle, type CommentAddress } from './commentTarget.js';

/**
 * Features a comment (comment/markelect), so every reader sees it, or takes that back
 * (unmarkelect). A deleted comment cannot be featured (88004); an article has at most
 * FEATURED_MAX featured comments (88003).
 */
export async function electComment(services: Pick<Services, 'db'>, input: CommentAddress & { commentId: number; elected: boolean }): Promise<void> {
  await services.db.transaction(async (tx) => {
    const article = await commentedArticle(tx, input);
    const comment = await commentOf(tx, article, input.commentId, { deleted: 'allow' });
    if (comment.deleted) {
      if (input.elected) throw new DomainError('conflict', 'The comment was deleted.', { errcode: 88004 });
      throw new DomainError('not_found', 'No such comment.', { errcode: 88008 });
    }
    if (comment.elected === input.elected) return;
    if (input.elected && (await countElected(tx, article.id)) >= FEATURED_MAX) {
      throw new DomainError('conflict', `An article has at most ${FEATURED_MAX} featured comments.`, { errcode: 88003 });
    }
    await setElected(tx, comment.id, input.elected);
  });
}
