/**
 * The enforcement module: its manifest (what the server registers) and its public API (what
 * other modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { enforcementSchedule } from './jobs/enforcementSweep.js';

const consoleRegisterAccountRoutes = lazyRoutes(() => import('./console/accountRoutes.js'), 'registerEnforcementAccountRoutes');
const consoleRegisterReviewRoutes = lazyRoutes(() => import('./console/reviewRoutes.js'), 'registerEnforcementReviewRoutes');
const phoneRegisterReportRoutes = lazyRoutes(() => import('./phone/reportRoutes.js'), 'registerReportRoutes');

/** What the server registers for enforcement. */
export const enforcementModule = defineModule({
  name: 'enforcement',
  routes: {
    console: [consoleRegisterAccountRoutes, consoleRegisterReviewRoutes],
    phone: [phoneRegisterReportRoutes],
  },
  schedules: [enforcementSchedule()],
});
