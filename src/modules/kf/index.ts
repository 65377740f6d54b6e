/**
 * The kf module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterKfAccountApis = lazyRoutes(() => import('./wechat/kfAccounts.js'), 'registerKfAccountApis');
const wechatRegisterKfSessionApis = lazyRoutes(() => import('./wechat/kfSessions.js'), 'registerKfSessionApis');
const consoleRegisterInboxKfRoutes = lazyRoutes(() => import('./console/inboxKfRoutes.js'), 'registerInboxKfRoutes');
const consoleRegisterInboxRoutes = lazyRoutes(() => import('./console/inboxRoutes.js'), 'registerInboxRoutes');
const consoleRegisterInboxMessageRoutes = lazyRoutes(() => import('./console/inboxMessageRoutes.js'), 'registerInboxMessageRoutes');

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
// 消息管理 (messaging's console page) shows the same followers, windows and representatives as the inbox.
export { representativeOf } from './commands/kfRepresentativeAdder.js';
export { listKfAccounts } from './store/kfAccounts.js';
export { inboxFollowers, lastWindowClosedAt, openWindowsOf } from './store/inboxDirectory.js';
export type { InboxFollower } from './store/inboxDirectory.js';
export { windowView } from './console/inboxConversation.js';
export { presentFollowerBrief, presentWindow } from './console/inboxPresenter.js';
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { countWaitingSessions } from './store/waitingSessions.js';
