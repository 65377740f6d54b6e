import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { adRevenueFen, AD_ID_RE } from '../../revenue/rules.js';
import { findArticleWithAccount } from '../store/readerArticles.js';
import { insertAdEvent, loadAdsCatalog } from '../../revenue/store.js';
import { isReadable } from '../rules.js';

/**
 * A reader clicked the ad in an article's slot: the click is recorded with its revenue, and the
 * ad's target is returned for the redirect. Only ads of the catalog, on readable articles with
 * ads turned on, count.
 */
export async function recordAdClick(
  services: Pick<Services, 'db' | 'clock'>,
  input: { articleId: string; adId: string; /** false: only look the ad up (a repeated or crawler click). */ count?: boolean },
): Promise<{ targetUrl: string }> {
  if (!AD_ID_RE.test(input.adId)) throw new DomainError('not_found', 'No such ad.');
  const found = await findArticleWithAccount(services.db, input.articleId);
  if (!found || !isReadable(found.article) || !found.article.adsEnabled) throw new DomainError('not_found', 'No such ad.');
  const catalog = await loadAdsCatalog(services.db);
  const ad = catalog.ads.find((a) => a.id === input.adId);
  if (!ad) throw new DomainError('not_found', 'No such ad.');
  if (input.count === false) return { targetUrl: ad.targetUrl };
  await insertAdEvent(services.db, {
    articleId: found.article.id,
    accountId: found.article.accountId,
    adId: ad.id,
    kind: 'click',
    revenueFen: adRevenueFen(catalog, ad, 'click'),
    now: services.clock.now(),
  });
  return { targetUrl: ad.targetUrl };
}
