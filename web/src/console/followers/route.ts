import type { AccountRoute } from '../route.js';
import { FollowersPage } from './FollowersPage.js';

/** Followers with their tags, remarks and the blacklist. */
export const followerRoutes: AccountRoute[] = [{ path: 'followers', tab: 'followers', label: 'Followers', component: FollowersPage }];
