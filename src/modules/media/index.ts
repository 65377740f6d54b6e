/**
 * The media module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import type { Services, SignalName } from '../../main/services.js';
import type { ScheduleDeclaration } from '../../platform/jobs/registry.js';
import { mediaSweepSchedule } from './jobs.js';
import { provideAvatarKeeper } from '../accounts/index.js';
import { storeAvatarImage } from './commands/avatarStorer.js';

const wechatRegisterMediaApis = lazyRoutes(() => import('./wechat/media.js'), 'registerMediaApis');
const wechatRegisterMaterialApis = lazyRoutes(() => import('./wechat/material.js'), 'registerMaterialApis');
const consoleRegisterMaterialRoutes = lazyRoutes(() => import('./console/materialRoutes.js'), 'registerMaterialRoutes');

let schedulesDeclared: ScheduleDeclaration<Services, SignalName>[] | undefined;

/** What the server registers for media. */
export const mediaModule = defineModule({
  name: 'media',
  routes: {
    wechat: [wechatRegisterMediaApis, wechatRegisterMaterialApis],
    console: [consoleRegisterMaterialRoutes],
  },
  // The accounts module keeps avatars through this (it sits below media and does not import it).
  connect: [(services) => provideAvatarKeeper(services, storeAvatarImage)],
  // Read when the server starts jobs, not when this file loads (a job file may be what loads it).
  get schedules() {
    if (!schedulesDeclared) schedulesDeclared = [mediaSweepSchedule()];
    return schedulesDeclared;
  },
});

// The public API: what other modules use.
// Menus and auto-replies tell whether they use a material (a material in use is not deleted).
export { provideMaterialUseCheck } from './ports.js';
// News materials and media/uploadnews groups are the articles module's news groups (connect).
export { provideNewsMaterials } from './ports.js';
export { addMaterial, keepFile } from './commands/materialAdder.js';
export { uploadFollowerMedia, uploadPageImage } from './commands/mediaUploader.js';
export { findMaterial, moveMaterials } from './store/materials.js';
export { accountMayRead, findMedia, findMediaMany, grantMedia } from './store/media.js';
export type { MediaRow } from './store/media.js';
