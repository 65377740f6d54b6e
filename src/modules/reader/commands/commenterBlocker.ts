import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { addBlock, removeBlock } from '../store/commentModeration.js';
import { commentOf, commentedArticle, type CommentAddress } from './commentTarget.js';

/**
 * Blocks the author of a comment from commenting on any of the account's articles (their
 * existing comments stay until deleted). Blocking twice is harmless.
 */
export async function blockCommenter(services: Pick<Services, 'db' | 'clock'>, input: CommentAddress & { commentId: number }): Promise<void> {
  const article = await commentedArticle(services.db, input);
  const comment = await commentOf(services.db, article, input.commentId, { deleted: 'allow' });
  await addBlock(services.db, article.accountId, comment.userId, services.clock.now());
}

/** Lets a blocked reader comment again; 404 when they were not blocked. */
export async function unblockCommenter(services: Pick<Services, 'db'>, input: { accountId: string; userId: string }): Promise<void> {
  if (!(await removeBlock(services.db, input.accountId, input.userId))) throw new DomainError('not_found', 'This reader is not blocked.');
}
