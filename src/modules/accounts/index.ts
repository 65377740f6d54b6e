/**
 * The accounts module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterTokenApis = lazyRoutes(() => import('./wechat/token.js'), 'registerTokenApis');
const wechatRegisterMiscApis = lazyRoutes(() => import('./wechat/misc.js'), 'registerMiscApis');
const wechatRegisterQuotaApis = lazyRoutes(() => import('./wechat/quota.js'), 'registerQuotaApis');
const consoleRegisterAccountRoutes = lazyRoutes(() => import('./console/accountRoutes.js'), 'registerAccountRoutes');
const consoleRegisterDeveloperRoutes = lazyRoutes(() => import('./console/developerRoutes.js'), 'registerDeveloperRoutes');
const simRegisterAccountRoutes = lazyRoutes(() => import('./sim.js'), 'registerAccountRoutes');

/** What the server registers for accounts. */
export const accountsModule = defineModule({
  name: 'accounts',
  routes: {
    wechat: [wechatRegisterTokenApis, wechatRegisterMiscApis, wechatRegisterQuotaApis],
    console: [consoleRegisterAccountRoutes, consoleRegisterDeveloperRoutes],
    sim: [simRegisterAccountRoutes],
  },
});

// The public API: what other modules use.
export { authenticateApp } from './commands/appAuthenticator.js';
export { provideAvatarKeeper } from './ports.js';
export type { AvatarKeeper } from './ports.js';
export { registerAccount } from './commands/accountRegistrar.js';
export { presentAttempt, presentDelivery, presentDeliveryDetail, presentServer } from './console/presenters.js';
export { accountNameTaken, avatarsByAppid, setAccountStatus, updateAccountStanding, findAccountByAppid, findAccountById, findAccountByWechatId } from './store/accounts.js';
export type { AccountRow } from './store/accounts.js';
export { DEFAULT_USER_REGION, MAINLAND_CHINA, assertAvailableInRegion, availableInRegion, isRegionCode, regionUnavailable, seesMainlandHidden } from './rules/region.js';
export { wechatAccountLookups } from './kitLookups.js';
