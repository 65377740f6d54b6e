/**
 * The kf module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { onDeliverySettledInTx } from '../callbacks/index.js';
import { provideCustomerService } from '../messaging/index.js';
import { kfConversationKeeper } from './commands/kfConversationKeeper.js';
import { kfTransferRecorder } from './commands/kfTransferRecorder.js';

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
  // Messaging (below) records a follower's message in their open session and a representative's
  // message in the records through these, inside its transactions. A passive reply
  // transfer_customer_service queues the follower, inside the transaction that settles the delivery.
  connect: [
    () => provideCustomerService(kfConversationKeeper),
    (services) => onDeliverySettledInTx(services, kfTransferRecorder),
  ],
});

// The public API: what other modules use.
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { countWaitingSessions } from './store/waitingSessions.js';
