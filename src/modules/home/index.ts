/**
 * The home module: the account's home (首页), which reads figures from many modules. It sits at
 * the top of the module order: it imports other modules' public APIs and nothing imports it.
 * See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const consoleRegisterHomeRoutes = lazyRoutes(() => import('./console.js'), 'registerHomeRoutes');

/** What the server registers for the home. */
export const homeModule = defineModule({
  name: 'home',
  routes: {
    console: [consoleRegisterHomeRoutes],
  },
});

export type { AccountHome, HomeNotice } from './home.js';
