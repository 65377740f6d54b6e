import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { findFollowerUser } from '../store/users.js';
import { lockFollow, unsubscribe } from '../store/followers.js';
import { unsubscribeEvent } from '../../../protocol/pushMessages.js';
import { queuePush } from '../../callbacks/index.js';
import { runFollowHandlers } from '../ports.js';

/**
 * A user unfollows an account; the unsubscribe event is queued and the follower's
 * customer-service windows close, in the same transaction.
 * Returns the openid, which stays the user's for this account.
 *
 * Idempotent: unfollowing an account the user no longer follows changes nothing and pushes
 * nothing. A user who never followed has no openid: DomainError not_following.
 */
export async function unfollowAccount(services: Services, userId: string, appid: string): Promise<string> {
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  const { openid, queued } = await services.db.transaction(async (tx) => {
    const row = await lockFollow(tx, account.id, user.id);
    if (!row) throw new DomainError('not_following', 'This user has never followed this account.');
    if (!row.subscribed) return { openid: row.openid, queued: false };
    const now = services.clock.now();
    await unsubscribe(tx, account.id, user.id, now);
    const push = unsubscribeEvent({ originalId: account.originalId, openid: row.openid, createTime: Math.floor(now.getTime() / 1000) });
    const { pending } = await queuePush(tx, account, row.openid, push, now);
    // The service windows close (messaging); no handler has an after-commit effect on unfollow.
    await runFollowHandlers(services, tx, { kind: 'unfollow', account, userId: user.id, openid: row.openid, now });
    return { openid: row.openid, queued: pending };
  });
  if (queued) services.signals.emit('deliveriesQueued');
  return openid;
}
