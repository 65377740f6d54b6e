/**
 * The registration module: its manifest (what the server registers) and its public API (what
 * other modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { appealReminderSchedule } from './jobs/appealReminders.js';

const consoleRegisterSignupRoutes = lazyRoutes(() => import('./console/signupRoutes.js'), 'registerSignupRoutes');
const consoleRegisterApplicationRoutes = lazyRoutes(() => import('./console/applicationRoutes.js'), 'registerApplicationRoutes');
const consoleRegisterReviewRoutes = lazyRoutes(() => import('./console/reviewRoutes.js'), 'registerReviewRoutes');

/** What the server registers for registration. */
export const registrationModule = defineModule({
  name: 'registration',
  routes: {
    console: [consoleRegisterSignupRoutes, consoleRegisterApplicationRoutes, consoleRegisterReviewRoutes],
  },
  schedules: [appealReminderSchedule()],
});
export { storeDocumentFile, type StoredDocumentFile } from './commands/documentFile.js';
