import type { Executor } from '../../platform/db/connect.js';
import { looksLikeOpenid, openidListError, type OpenidCheck } from './rules/audience.js';
import { findFollowers, type FollowerRecord } from './store/audience.js';
import { followerRefusal } from './rules/refusals.js';

/**
 * Loads the follow relations of openids named in a request and refuses the request the way
 * WeChat does when one is not acceptable: 40003 for malformed, unknown or (when required) no
 * longer following, `check.foreignErrcode` for another account's openid.
 * Returns the records of this account by openid.
 */
export async function requireFollowers(
  db: Executor,
  accountId: string,
  openids: readonly unknown[],
  check: OpenidCheck,
): Promise<Map<string, FollowerRecord>> {
  const wellFormed = openids.filter(looksLikeOpenid);
  const found = await findFollowers(db, wellFormed);
  const errcode = openidListError(accountId, openids, found, check);
  if (errcode !== 0) throw followerRefusal(errcode);
  return new Map(found.filter((f) => f.accountId === accountId).map((f) => [f.openid, f]));
}
