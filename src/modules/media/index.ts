/**
 * The media module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { mediaSweepSchedule } from './jobs.js';

const wechatRegisterMediaApis = lazyRoutes(() => import('./wechat/media.js'), 'registerMediaApis');
const wechatRegisterMaterialApis = lazyRoutes(() => import('./wechat/material.js'), 'registerMaterialApis');
const consoleRegisterMaterialRoutes = lazyRoutes(() => import('./console/materialRoutes.js'), 'registerMaterialRoutes');

/** What the server registers for media. */
export const mediaModule = defineModule({
  name: 'media',
  routes: {
    wechat: [wechatRegisterMediaApis, wechatRegisterMaterialApis],
    console: [consoleRegisterMaterialRoutes],
  },
  schedules: [mediaSweepSchedule()],
});

// The public API: what other modules use.
export { addMaterial, keepFile } from './commands/materialAdder.js';
export { uploadFollowerMedia } from './commands/mediaUploader.js';
export { findMaterial } from './store/materials.js';
export { accountMayRead, findMedia, findMediaMany, grantMedia } from './store/media.js';
export type { MediaRow } from './store/media.js';
