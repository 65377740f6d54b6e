/**
 * The autoreplies module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const consoleRegisterAutoReplyRoutes = lazyRoutes(() => import('./console/autoReplyRoutes.js'), 'registerAutoReplyRoutes');

/** What the server registers for autoreplies. */
export const autorepliesModule = defineModule({
  name: 'autoreplies',
  routes: {
    console: [consoleRegisterAutoReplyRoutes],
  },
});

// The public API: what other modules use.
export { autoReplyFor } from './commands/autoReplyResponder.js';
