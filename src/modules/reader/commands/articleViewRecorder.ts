import type { Services } from '../../../main/services.js';
import { adRevenueFen, type AdsCatalog, type HouseAd } from '../../revenue/rules.js';
import { addRead } from '../store/readerArticles.js';
import { addDailyRead } from '../store/dailyReads.js';
import { chinaDay } from '../../../platform/clock.js';
import { insertAdEvent } from '../../revenue/index.js';

/**
 * A reader opened an article page: one more read (on the article and in the account's read log
 * for the China calendar day), and an impression for the ad slot the page
 * shows (with the revenue it earns the account), in one transaction.
 */
export async function recordArticleView(
  services: Pick<Services, 'db' | 'clock'>,
  input: { articleId: string; accountId: string; ad?: { catalog: AdsCatalog; ad: HouseAd } },
): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    await addRead(tx, input.articleId);
    await addDailyRead(tx, input.accountId, chinaDay(now.getTime()));
    if (input.ad) {
      const { catalog, ad } = input.ad;
      await insertAdEvent(tx, { articleId: input.articleId, accountId: input.accountId, adId: ad.id, kind: 'impression', revenueFen: adRevenueFen(catalog, ad, 'impression'), now });
    }
  });
}
