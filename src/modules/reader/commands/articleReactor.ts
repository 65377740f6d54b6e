import type { Services } from '../../../main/services.js';
import type { ReactionKind } from '../rules.js';
import { setReaction, type ReactionCounts } from '../store/readerArticles.js';
import { readableArticle } from './readerArticle.js';

/**
 * A reader likes an article or marks it "Wow" (在看), or takes that back. Idempotent: turning
 * on what is already on changes nothing, and the counters stay exact.
 */
export async function reactToArticle(
  services: Pick<Services, 'db' | 'clock'>,
  input: { articleId: string; userId: string; kind: ReactionKind; on: boolean },
): Promise<ReactionCounts & { on: boolean }> {
  const { article } = await readableArticle(services.db, input.articleId);
  const counts = await setReaction(services.db, { articleId: article.id, userId: input.userId, kind: input.kind, on: input.on, now: services.clock.now() });
  return { ...counts, on: input.on };
}
