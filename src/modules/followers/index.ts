/**
 * The followers module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerUserRoutes as wechatRegisterUserRoutes } from './wechat/users.js';
import { registerTagRoutes as wechatRegisterTagRoutes } from './wechat/tags.js';
import { registerGroupRoutes as wechatRegisterGroupRoutes } from './wechat/groups.js';
import { registerFollowerRoutes as consoleRegisterFollowerRoutes } from './console/followerRoutes.js';
import { registerAuthRoutes as phoneRegisterAuthRoutes } from './phone/authRoutes.js';
import { registerAccountRoutes as phoneRegisterAccountRoutes } from './phone/accountRoutes.js';
import { registerUserRoutes as simRegisterUserRoutes } from './sim.js';

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
export { followAccount } from './commands/followAccount.js';
export { MAX_SEED_FOLLOWERS, seedFollowers } from './commands/followerSeeder.js';
export { createFollowerUser } from './commands/followerUserCreator.js';
export { reportLocation } from './commands/locationReporter.js';
export { accountOf, profileFor } from './phone/accountRoutes.js';
export { presentChat, presentFolderEntry, presentSubscriptionsSummary } from './phone/presenters.js';
export { findFollowers } from './store/audience.js';
export { canSkipForeignKeyChecks } from './store/followerSeed.js';
export { findFollow } from './store/followers.js';
export { findTag, listTags } from './store/tags.js';
export type { TagRecord } from './store/tags.js';
export { findFollowerUser } from './store/users.js';
export type { FollowerUserRow } from './store/users.js';
