/**
 * The costs module: its manifest (what the server registers) and its public API. See README.md
 * beside this file. It sits at the top of the module order, above verification: it reads
 * verification's and pay's fees through their index.ts; nothing imports it but a fee source
 * that registers with it.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const consoleRegisterCostsRoutes = lazyRoutes(() => import('./console.js'), 'registerCostsRoutes');

/** What the server registers for costs. */
export const costsModule = defineModule({
  name: 'costs',
  routes: { console: [consoleRegisterCostsRoutes] },
});

// The public API: the extension point a fee source (account migration's fee) registers with.
export { registerFeeSource, type FeeSource } from './ports.js';
