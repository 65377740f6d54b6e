/**
 * The verification module: its manifest (what the server registers) and its public API (what
 * other modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { verificationSchedule } from './jobs/verificationSweep.js';

const consoleRegisterAccountRoutes = lazyRoutes(() => import('./console/accountRoutes.js'), 'registerVerificationAccountRoutes');
const consoleRegisterReviewRoutes = lazyRoutes(() => import('./console/reviewRoutes.js'), 'registerVerificationReviewRoutes');
const simRegisterRoutes = lazyRoutes(() => import('./sim.js'), 'registerVerificationSimRoutes');

/** What the server registers for verification. */
export const verificationModule = defineModule({
  name: 'verification',
  routes: {
    console: [consoleRegisterAccountRoutes, consoleRegisterReviewRoutes],
    sim: [simRegisterRoutes],
  },
  schedules: [verificationSchedule()],
});

// The public API: what other modules use (costs lists the fees).
export { verificationFees } from './commands/fees.js';
