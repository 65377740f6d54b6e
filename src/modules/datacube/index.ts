/**
 * The datacube module: its manifest (what the server registers). It reads the records of the
 * modules below it and is imported by none. See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const consoleRegisterDataRoutes = lazyRoutes(() => import('./console.js'), 'registerDataRoutes');
const wechatRegisterDatacubeApis = lazyRoutes(() => import('./wechat.js'), 'registerDatacubeApis');

/** What the server registers for data analytics. */
export const datacubeModule = defineModule({
  name: 'datacube',
  routes: {
    wechat: [wechatRegisterDatacubeApis],
    console: [consoleRegisterDataRoutes],
  },
});

export type { DataPage, DataTable, DataView } from './dataPages.js';
