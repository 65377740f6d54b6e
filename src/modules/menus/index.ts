/**
 * The menus module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { provideFollowerMenus } from '../followers/index.js';
import { provideMaterialUseCheck } from '../media/index.js';
import { matchMenuFor, menuNamesMedia } from './store.js';

const wechatRegisterMenuRoutes = lazyRoutes(() => import('./wechat/menu.js'), 'registerMenuRoutes');
const consoleRegisterMenuRoutes = lazyRoutes(() => import('./console/menuRoutes.js'), 'registerMenuRoutes');
const phoneRegisterActionRoutes = lazyRoutes(() => import('./phone/actionRoutes.js'), 'registerActionRoutes');
const simRegisterMenuClickRoutes = lazyRoutes(() => import('./sim.js'), 'registerMenuClickRoutes');

/** What the server registers for menus. */
export const menusModule = defineModule({
  name: 'menus',
  routes: {
    wechat: [wechatRegisterMenuRoutes],
    console: [consoleRegisterMenuRoutes],
    phone: [phoneRegisterActionRoutes],
    sim: [simRegisterMenuClickRoutes],
  },
  // The phone's account page (followers) shows the menu a follower sees.
  // A material a menu names is not deleted (media).
  connect: [
    () => provideFollowerMenus(async (db, accountId, openid) => (await matchMenuFor(db, accountId, openid))?.buttons ?? null),
    () => provideMaterialUseCheck('menus', menuNamesMedia),
  ],
});

// The public API: what other modules use.
export { clickMenu } from './commands/menuClicker.js';
export { publishMenu } from './commands/menuPublisher.js';
