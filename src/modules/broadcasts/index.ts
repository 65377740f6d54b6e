/**
 * The broadcasts module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerMassApis as wechatRegisterMassApis } from './wechat.js';
import { registerBroadcastRoutes as consoleRegisterBroadcastRoutes } from './console/broadcastRoutes.js';
import { registerBroadcastRoutes as phoneRegisterBroadcastRoutes } from './phone/broadcastRoutes.js';

/** What the server registers for broadcasts. */
export const broadcastsModule = defineModule({
  name: 'broadcasts',
  routes: {
    wechat: [wechatRegisterMassApis],
    console: [consoleRegisterBroadcastRoutes],
    phone: [phoneRegisterBroadcastRoutes],
  },
});

// The public API: what other modules use.
export { createMassVideo } from './commands/massVideoCreator.js';
export { relayBroadcastBatches } from './jobs/broadcastLive.js';
export { startBroadcastRunner } from './jobs/broadcastRunner.js';
export { postMessage, postPreview, presentBroadcasts } from './phone/broadcastPresenter.js';
export { nextMsgDataId } from './store/broadcasts.js';
