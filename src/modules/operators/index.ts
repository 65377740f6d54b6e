/**
 * The operators module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const consoleRegisterAuthRoutes = lazyRoutes(() => import('./console.js'), 'registerAuthRoutes');

/** What the server registers for operators. */
export const operatorsModule = defineModule({
  name: 'operators',
  routes: {
    console: [consoleRegisterAuthRoutes],
  },
});

// The public API: what other modules use.
export { createOperator } from './commands/operatorCreator.js';
export { findOperatorByEmail, findOperatorById, findOrganization, managerEmails } from './store/operators.js';
export { consoleSessionLookups } from './kitLookups.js';
export { insertOrganization, organizationExists } from './store/organizations.js';
export { checkAdminPassword, createPlatformAdmin } from './commands/adminCreator.js';
