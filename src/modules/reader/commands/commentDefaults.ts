import type { Services } from '../../../main/services.js';
import { saveCommentDefaults } from '../store/commentModeration.js';

/**
 * Saves the account's comment settings for articles it writes from now on: open or closed, and
 * whether only followers may comment (followers-only implies open).
 */
export async function setCommentDefaults(services: Pick<Services, 'db' | 'clock'>, input: { accountId: string; open: boolean; followersOnly: boolean }): Promise<void> {
  await saveCommentDefaults(services.db, input.accountId, { open: input.open, followersOnly: input.open && input.followersOnly }, services.clock.now());
}
