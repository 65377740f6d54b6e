/**
 * The mail module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { mailSchedule } from './jobs.js';

const consoleRegisterMailRoutes = lazyRoutes(() => import('./console.js'), 'registerMailConsoleRoutes');

/** What the server registers for mail. */
export const mailModule = defineModule({
  name: 'mail',
  routes: {
    console: [consoleRegisterMailRoutes],
  },
  schedules: [mailSchedule()],
});

// The public API: what other modules use.
export { queueMail } from './commands/mailQueuer.js';
export type { OutgoingMail } from './commands/mailQueuer.js';
