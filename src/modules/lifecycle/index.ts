/**
 * The lifecycle module: an account's life after registration — migration A → B (账号迁移) and
 * changeopenid. Its manifest (what the server registers) and its public API. See README.md.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { migrationSchedule } from './jobs/migrationSweep.js';

const wechatRegisterRoutes = lazyRoutes(() => import('./wechat.js'), 'registerLifecycleWechatRoutes');
const consoleRegisterMigrationRoutes = lazyRoutes(() => import('./console/migrationRoutes.js'), 'registerMigrationRoutes');

/** What the server registers for lifecycle. */
export const lifecycleModule = defineModule({
  name: 'lifecycle',
  routes: {
    wechat: [wechatRegisterRoutes],
    console: [consoleRegisterMigrationRoutes],
  },
  schedules: [migrationSchedule()],
});

// The public API: what other modules use (api_get_authorizer_info's account_status).
export { accountStatusCode } from './rules.js';
export { migrationFees } from './store.js';
