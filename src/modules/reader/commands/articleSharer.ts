import type { Services } from '../../../main/services.js';
import type { ShareTarget } from '../rules.js';
import { addShare } from '../store/readerArticles.js';
import { readableArticle } from './readerArticle.js';

/** A reader shares an article (to a chat, a group, Moments or Discover): recorded and counted. */
export async function shareArticle(
  services: Pick<Services, 'db' | 'clock'>,
  input: { articleId: string; userId: string; target: ShareTarget },
): Promise<{ shareCount: number }> {
  const { article } = await readableArticle(services.db, input.articleId);
  return { shareCount: await addShare(services.db, { articleId: article.id, userId: input.userId, target: input.target, now: services.clock.now() }) };
}
