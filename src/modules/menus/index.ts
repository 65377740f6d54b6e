/**
 * The menus module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerMenuRoutes as wechatRegisterMenuRoutes } from './wechat/menu.js';
import { registerMenuRoutes as consoleRegisterMenuRoutes } from './console/menuRoutes.js';
import { registerActionRoutes as phoneRegisterActionRoutes } from './phone/actionRoutes.js';

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
