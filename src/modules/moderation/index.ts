/**
 * The moderation module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const consoleRegisterModerationRoutes = lazyRoutes(() => import('./console.js'), 'registerModerationRoutes');

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
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { violationsSince } from './store/violationFigures.js';
