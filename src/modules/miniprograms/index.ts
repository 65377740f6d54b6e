/**
 * The miniprograms module: its manifest (what the server registers) and its public API (what
 * other modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRoutes = lazyRoutes(() => import('./wechat.js'), 'registerWxopenRoutes');
const consoleRoutes = lazyRoutes(() => import('./console.js'), 'registerMiniProgramConsoleRoutes');
const phoneRoutes = lazyRoutes(() => import('./phone.js'), 'registerMiniProgramPhoneRoutes');
const simRoutes = lazyRoutes(() => import('./sim.js'), 'registerMiniProgramSimRoutes');

/** What the server registers for miniprograms. */
export const miniprogramsModule = defineModule({
  name: 'miniprograms',
  routes: {
    wechat: [wechatRoutes],
    console: [consoleRoutes],
    phone: [phoneRoutes],
    sim: [simRoutes],
  },
});

// The public API: the linking rule the integrations ask (menus, messaging, autoreplies,
// articles, templates, subscribemsg).
export { requireLinked } from './commands/linkChecker.js';
export { linkArticleMiniPrograms } from './commands/articleCards.js';
export { isWeappAppid, SCENES } from './rules/miniProgram.js';
// Modules above hear of a link made, in its transaction (messaging: the followers' notice).
export { onLinkMadeInTx } from './ports.js';
export type { LinkHandler, LinkMade } from './ports.js';
