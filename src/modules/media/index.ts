/**
 * The media module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerMediaApis as wechatRegisterMediaApis } from './wechat/media.js';
import { registerMaterialApis as wechatRegisterMaterialApis } from './wechat/material.js';
import { registerMaterialRoutes as consoleRegisterMaterialRoutes } from './console/materialRoutes.js';

/** What the server registers for media. */
export const mediaModule = defineModule({
  name: 'media',
  routes: {
    wechat: [wechatRegisterMediaApis, wechatRegisterMaterialApis],
    console: [consoleRegisterMaterialRoutes],
  },
});

// The public API: what other modules use.
export { addMaterial, keepFile } from './commands/materialAdder.js';
export { uploadFollowerMedia } from './commands/mediaUploader.js';
export { startMediaSweeper } from './jobs.js';
export { findMaterial } from './store/materials.js';
export { accountMayRead, findMedia, findMediaMany, grantMedia } from './store/media.js';
export type { MediaRow } from './store/media.js';
