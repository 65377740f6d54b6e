import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { DONATION_MAX_FEN, DONATION_MIN_FEN, acceptsDonations } from '../rules.js';
import { insertDonation, type DonationRow } from '../../revenue/store.js';
import { readableArticle } from './readerArticle.js';

/**
 * A reader donates to an article after confirming the phone's simulated payment sheet. Only
 * original articles with donations turned on take donations, from ¥0.01 to ¥500.
 */
export async function donateToArticle(
  services: Pick<Services, 'db' | 'clock'> & { config: Pick<Services['config'], 'mode'> },
  input: { articleId: string; userId: string; amountFen: number; message: string },
): Promise<DonationRow> {
  // The emulator's payment sheet is simulated; a real platform records a donation only once it
  // is paid, which needs WeChat Pay. Until then none is recorded rather than unpaid ones.
  if (services.config.mode === 'platform') {
    throw new DomainError('payments_unavailable', 'Payments are not available yet on this platform, so donations cannot be made.');
  }
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < DONATION_MIN_FEN || input.amountFen > DONATION_MAX_FEN) {
    throw new DomainError('invalid_amount', `A donation is from ¥0.01 to ¥${DONATION_MAX_FEN / 100}.`);
  }
  const { article } = await readableArticle(services.db, input.articleId);
  if (!acceptsDonations(article)) throw new DomainError('donations_disabled', 'This article does not take donations.');
  return insertDonation(services.db, {
    articleId: article.id,
    accountId: article.accountId,
    userId: input.userId,
    amountFen: input.amountFen,
    message: input.message.trim(),
    now: services.clock.now(),
  });
}
