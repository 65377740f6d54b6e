import type { AccountRoute } from '../route.js';
import { FollowersPage } from './FollowersPage.js';
import { t } from '../../i18n/index.js';

/** Followers with their tags, remarks and the blacklist. */
export const followerRoutes: AccountRoute[] = [{ path: 'followers', tab: 'followers', group: 'users', label: t('followers.followers'), component: FollowersPage }];
