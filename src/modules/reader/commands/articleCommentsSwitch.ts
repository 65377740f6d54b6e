import type { Services } from '../../../main/services.js';
import { setCommentsOpen } from '../store/readerArticles.js';
import { commentedArticle, type CommentAddress } from './commentTarget.js';

/** Opens or closes comments on a published article (comment/open, comment/close). */
export async function switchArticleComments(services: Pick<Services, 'db' | 'clock'>, input: CommentAddress & { open: boolean }): Promise<void> {
  const article = await commentedArticle(services.db, input.accountId, input.msgDataId, input.index);
  await setCommentsOpen(services.db, article.id, input.open, services.clock.now());
}
