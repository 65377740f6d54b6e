/**
 * The followers module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterUserRoutes = lazyRoutes(() => import('./wechat/users.js'), 'registerUserRoutes');
const wechatRegisterTagRoutes = lazyRoutes(() => import('./wechat/tags.js'), 'registerTagRoutes');
const wechatRegisterGroupRoutes = lazyRoutes(() => import('./wechat/groups.js'), 'registerGroupRoutes');
const consoleRegisterFollowerRoutes = lazyRoutes(() => import('./console/followerRoutes.js'), 'registerFollowerRoutes');
const phoneRegisterAuthRoutes = lazyRoutes(() => import('./phone/authRoutes.js'), 'registerAuthRoutes');
const phoneRegisterAccountRoutes = lazyRoutes(() => import('./phone/accountRoutes.js'), 'registerAccountRoutes');
const simRegisterUserRoutes = lazyRoutes(() => import('./sim.js'), 'registerUserRoutes');

/** What the server registers for followers. */
export const followersModule = defineModule({
  name: 'followers',
  routes: {
    wechat: [wechatRegisterUserRoutes, wechatRegisterTagRoutes, wechatRegisterGroupRoutes],
    console: [consoleRegisterFollowerRoutes],
    phone: [phoneRegisterAuthRoutes, phoneRegisterAccountRoutes],
    sim: [simRegisterUserRoutes],
  },
});

// The public API: what other modules use.
// The phone's account page shows the follower's menu, found by the menus module (connect).
export { provideFollowerMenus } from './ports.js';
// A follow or unfollow runs what messaging (the service window) and autoreplies (the follow reply) registered.
export { onFollowChangeInTx } from './ports.js';
export type { FollowChange, FollowHandler } from './ports.js';
export { followAccount } from './commands/followAccount.js';
export { MAX_SEED_FOLLOWERS, seedFollowers } from './commands/followerSeeder.js';
export { createFollowerUser } from './commands/followerUserCreator.js';
export { reportLocation } from './commands/locationReporter.js';
export { accountOf, profileFor } from './phone/accountRoutes.js';
export { presentChat, presentFolderEntry, presentSubscriptionsSummary } from './phone/presenters.js';
export { findFollowers } from './store/audience.js';
export { canSkipForeignKeyChecks } from './store/followerSeed.js';
export { ensureOpenid, findFollow } from './store/followers.js';
export { findTag, listTags } from './store/tags.js';
// The console's inboxes (kf's customer-service inbox, messaging's 消息管理) show followers so.
export { inboxFollowers } from './store/followerBriefs.js';
export type { InboxFollower } from './store/followerBriefs.js';
export { presentFollowerBrief } from './console/followerPresenter.js';
export type { TagRecord } from './store/tags.js';
export { findFollowerUser } from './store/users.js';
export type { FollowerUserRow } from './store/users.js';
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { countFollowersNow, followerFigures } from './store/followerFigures.js';
export { unfollowAccount } from './commands/unfollowAccount.js';
// An account migration (lifecycle) moves the followers of one account to another.
export { MIGRATION_SCENE, currentFollowers, moveFollowers } from './store/followerMigration.js';
export type { MovedFollower } from './store/followerMigration.js';
