/**
 * The moderation module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerModerationRoutes as consoleRegisterModerationRoutes } from './console.js';

/** What the server registers for moderation. */
export const moderationModule = defineModule({
  name: 'moderation',
  routes: {
    console: [consoleRegisterModerationRoutes],
  },
});

// The public API: what other modules use.
export { moderateArticles, moderateText } from './commands/contentModerator.js';
export { listViolations } from './store/moderation.js';
