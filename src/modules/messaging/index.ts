/**
 * The messaging module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const wechatRegisterCustomMessageApis = lazyRoutes(() => import('./wechat.js'), 'registerCustomMessageApis');
const phoneRegisterChatRoutes = lazyRoutes(() => import('./phone/chatRoutes.js'), 'registerChatRoutes');
const consoleRegisterMessageRoutes = lazyRoutes(() => import('./console/messageRoutes.js'), 'registerMessageRoutes');
const simRegisterMessageRoutes = lazyRoutes(() => import('./sim.js'), 'registerMessageRoutes');

/** What the server registers for messaging. */
export const messagingModule = defineModule({
  name: 'messaging',
  routes: {
    wechat: [wechatRegisterCustomMessageApis],
    console: [consoleRegisterMessageRoutes],
    phone: [phoneRegisterChatRoutes],
    sim: [simRegisterMessageRoutes],
  },
});

// The public API: what other modules use.
export { sendCustomMessage } from './commands/customMessageSender.js';
export { explainRefusal } from './console/replyRefusal.js';
export { sendUserMessage } from './commands/userMessageSender.js';
// 图文 auto-replies (autoreplies) and menu buttons (menus) send published articles.
export { publishedArticleCard, publishedArticleMessage } from './commands/articleMessage.js';
export type { InboxEntry } from './phone/inbox.js';
export { presentPhoneMessage } from './phone/messagePresenter.js';
export type { PhoneMessage } from './phone/messagePresenter.js';
export { announceMenuChange, missedPhoneMessages, phoneMessageLoader, publishConversation } from './realtime.js';
export { findInboundByMsgId, followerByOpenid, insertConversationMessage, listFollowerConversation } from './store/conversations.js';
export type { ConversationRow } from './store/conversations.js';
export { closeWindows, lockWindows, openWindow, openWindows } from './store/serviceWindows.js';
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { countReceivedMessages } from './store/messageFigures.js';
