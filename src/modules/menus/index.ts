/**
 * The menus module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterMenuRoutes = lazyRoutes(() => import('./wechat/menu.js'), 'registerMenuRoutes');
const consoleRegisterMenuRoutes = lazyRoutes(() => import('./console/menuRoutes.js'), 'registerMenuRoutes');
const phoneRegisterActionRoutes = lazyRoutes(() => import('./phone/actionRoutes.js'), 'registerActionRoutes');

/** What the server registers for menus. */
export const menusModule = defineModule({
  name: 'menus',
  routes: {
    wechat: [wechatRegisterMenuRoutes],
    console: [consoleRegisterMenuRoutes],
    phone: [phoneRegisterActionRoutes],
  },
});

// The public API: what other modules use.
export { clickMenu } from './commands/menuClicker.js';
export { matchMenuFor } from './store.js';
