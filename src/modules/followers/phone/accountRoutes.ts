import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { followAccount } from '../commands/followAccount.js';
import { unfollowAccount } from '../commands/unfollowAccount.js';
import { assertAvailableInRegion, findAccountByAppid, seesMainlandHidden, type AccountRow } from '../../accounts/index.js';
import { findFollow } from '../store/followers.js';
import { followerMenuFinder } from '../ports.js';
import { followedAccountIds, listFollowedAccounts, searchActiveAccounts } from '../store/phoneDirectory.js';
import type { FollowerUserRow } from '../store/users.js';
import { phoneRoute, phoneText } from '../../../surfaces/phone/kit.js';
import { presentAccountCard, presentProfile } from './presenters.js';

const SEARCH_LIMIT = 20;

const searchQuery = z.object({ q: phoneText(64).transform((s) => s.trim()) });

/** The account an :appid names; 404 for unknown ones (and for malformed AppIDs, without a query). */
export async function accountOf(services: Services, appid: string): Promise<AccountRow> {
  const account = /^[A-Za-z0-9_-]{1,64}$/.test(appid) ? await findAccountByAppid(services.db, appid) : undefined;
  if (!account) throw new DomainError('not_found', 'No such official account.');
  return account;
}

/**
 * The profile page's data: the account, whether this user follows it, and the menu they see.
 * Refuses (region_unavailable) an account the user's region may not see.
 */
export async function profileFor(services: Services, user: FollowerUserRow, account: AccountRow) {
  assertAvailableInRegion(account, user.region);
  const follow = await findFollow(services.db, account.id, user.id);
  const followed = Boolean(follow?.subscribed);
  const menu = follow && followed ? await followerMenuFinder()(services.db, account.id, follow.openid) : null;
  return presentProfile(account, followed, menu);
}

/** Finding official accounts, their profile, following and unfollowing. */
export function registerAccountRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/search',
    query: searchQuery,
    async handler({ user, query }) {
      if (query.q.length === 0) return { accounts: [] };
      const found = await searchActiveAccounts(services.db, query.q, SEARCH_LIMIT, seesMainlandHidden(user.region), services.clock.now());
      const followed = await followedAccountIds(services.db, user.id, found.map((a) => a.id));
      return { accounts: found.map((a) => presentAccountCard(a, followed.has(a.id))) };
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/accounts',
    async handler({ user }) {
      return { accounts: (await listFollowedAccounts(services.db, user.id)).map((a) => presentAccountCard(a, true)) };
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid',
    async handler({ user, params }) {
      return { account: await profileFor(services, user, await accountOf(services, params.appid)) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/follow',
    async handler({ user, params }) {
      const account = await accountOf(services, params.appid);
      if (account.status !== 'active') throw new DomainError('account_unavailable', 'This official account cannot be followed right now.');
      await followAccount(services, user.id, account.appid, { scene: 'ADD_SCENE_SEARCH' });
      return { account: await profileFor(services, user, account) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/unfollow',
    async handler({ user, params }) {
      const account = await accountOf(services, params.appid);
      const follow = await findFollow(services.db, account.id, user.id);
      if (follow?.subscribed) await unfollowAccount(services, user.id, account.appid);
      return { account: await profileFor(services, user, account) };
    },
  });
}
