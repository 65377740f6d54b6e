import type { Services } from '../../../main/services.js';
import { setCommentsOpen } from '../store/readerArticles.js';
import { commentedArticle, type CommentAddress } from './commentTarget.js';

/**
 * Opens or closes comments on a published article (comment/open, comment/close; the console's
 * per-article setting, which may also say whether only followers may comment).
 */
export async function switchArticleComments(services: Pick<Services, 'db' | 'clock'>, input: CommentAddress & { open: boolean; followersOnly?: boolean }): Promise<void> {
  const article = await commentedArticle(services.db, input);
  await setCommentsOpen(services.db, article.id, input.open, services.clock.now(), input.followersOnly);
}
