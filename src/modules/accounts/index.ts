/**
 * The accounts module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerTokenApis as wechatRegisterTokenApis } from './wechat/token.js';
import { registerMiscApis as wechatRegisterMiscApis } from './wechat/misc.js';
import { registerQuotaApis as wechatRegisterQuotaApis } from './wechat/quota.js';
import { registerAccountRoutes as consoleRegisterAccountRoutes } from './console/accountRoutes.js';
import { registerDeveloperRoutes as consoleRegisterDeveloperRoutes } from './console/developerRoutes.js';
import { registerAccountRoutes as simRegisterAccountRoutes } from './sim.js';

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
export { registerAccount } from './commands/accountRegistrar.js';
export { presentDelivery, presentDeliveryDetail, presentOperator, presentOrg } from './console/presenters.js';
export { findAccountByAppid, findAccountById } from './store/accounts.js';
export type { AccountRow } from './store/accounts.js';
