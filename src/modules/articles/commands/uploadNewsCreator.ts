import type { Services } from '../../../main/services.js';
import type { ArticleRow } from '../store/articles.js';
import type { NewsGroupRow } from '../store/newsGroups.js';
import { TEMPORARY_MEDIA_TTL_MS } from '../../media/rules/media.js';
import { createNewsGroup } from './newsArticles.js';

/**
 * An account uploads a news for a mass send (media/uploadnews): like a draft, but kept 3 days
 * and its covers may be temporary uploads (media/upload thumb), as WeChat allows.
 * Throws DomainError with `details.errcode`.
 */
export async function uploadNews(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; articles: unknown },
): Promise<{ group: NewsGroupRow; articles: ArticleRow[] }> {
  return createNewsGroup(services, { ...input, origin: 'uploadnews', ttlMs: TEMPORARY_MEDIA_TTL_MS, allowTemporaryCover: true });
}
