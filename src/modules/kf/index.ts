/**
 * The kf module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerKfAccountApis as wechatRegisterKfAccountApis } from './wechat/kfAccounts.js';
import { registerKfSessionApis as wechatRegisterKfSessionApis } from './wechat/kfSessions.js';
import { registerInboxKfRoutes as consoleRegisterInboxKfRoutes } from './console/inboxKfRoutes.js';
import { registerInboxRoutes as consoleRegisterInboxRoutes } from './console/inboxRoutes.js';
import { registerInboxMessageRoutes as consoleRegisterInboxMessageRoutes } from './console/inboxMessageRoutes.js';

/** What the server registers for kf. */
export const kfModule = defineModule({
  name: 'kf',
  routes: {
    wechat: [wechatRegisterKfAccountApis, wechatRegisterKfSessionApis],
    console: [consoleRegisterInboxKfRoutes, consoleRegisterInboxRoutes, consoleRegisterInboxMessageRoutes],
  },
});

// The public API: what other modules use.
export { recordAgentReply } from './commands/kfAgentReplyRecorder.js';
export { enqueueWaitingSession } from './commands/kfSessionQueuer.js';
export { recordUserMessageInSession } from './commands/kfUserMessageRecorder.js';
export { findKfAccount } from './store/kfAccounts.js';
