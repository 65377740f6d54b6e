import type { FollowHandler } from '../../followers/index.js';
import { closeWindows, lockWindows, openWindow } from '../store/serviceWindows.js';

/**
 * Inside the transaction of a follow (followers): the follower's customer-service window opens
 * (3 messages within a minute); inside an unfollow's, their windows close.
 */
export const followWindowKeeper: FollowHandler = async (tx, change) => {
  await lockWindows(tx, change.account.id, change.openid);
  if (change.kind === 'follow') await openWindow(tx, change.account.id, change.openid, 'follow', change.now);
  else await closeWindows(tx, change.account.id, change.openid, change.now);
  return undefined;
};
