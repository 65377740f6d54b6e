/**
 * The messaging module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { onDeliverySettledInTx } from '../callbacks/index.js';
import { onFollowChangeInTx } from '../followers/index.js';
import { onLinkMadeInTx } from '../miniprograms/index.js';
import { followWindowKeeper } from './commands/followWindowKeeper.js';
import { linkNoticeSender } from './commands/linkNoticeSender.js';
import { passiveReplyRecorder } from './commands/passiveReplyRecorder.js';

const wechatRegisterCustomMessageApis = lazyRoutes(() => import('./wechat.js'), 'registerCustomMessageApis');
const consoleRegisterMessageRoutes = lazyRoutes(() => import('./console/messageRoutes.js'), 'registerMessageRoutes');
const simRegisterMessageRoutes = lazyRoutes(() => import('./sim.js'), 'registerMessageRoutes');

/** What the server registers for messaging. */
export const messagingModule = defineModule({
  name: 'messaging',
  routes: {
    wechat: [wechatRegisterCustomMessageApis],
    console: [consoleRegisterMessageRoutes],
    sim: [simRegisterMessageRoutes],
  },
  // A settled delivery's passive reply (or its failure) is written into the conversation, inside
  // the settle transaction: callbacks sits below messaging and runs what is registered here.
  // A follow (followers) opens the follower's service window and an unfollow closes it, inside
  // the follow's transaction; messaging connects before autoreplies, whose follow reply comes after.
  // A mini program linked with notify_users (miniprograms) tells the followers in the chat.
  connect: [
    (services) => onDeliverySettledInTx(services, passiveReplyRecorder(services)),
    (services) => onFollowChangeInTx(services, followWindowKeeper),
    (services) => onLinkMadeInTx(services, linkNoticeSender(services)),
  ],
});

// The public API: what other modules use.
export { sendCustomMessage } from './commands/customMessageSender.js';
export { explainRefusal } from './console/replyRefusal.js';
export { sendUserMessage } from './commands/userMessageSender.js';
// 图文 auto-replies (autoreplies) and menu buttons (menus) send published articles.
export { publishedArticleCard, publishedArticleMessage } from './commands/articleMessage.js';
export { provideArticleCards } from './ports.js';
// A follower's message no developer server answers gets the account's auto-replies (autoreplies, connect).
export { provideMessageReplier } from './ports.js';
// The customer-service bookkeeping of a conversation is the kf module's (connect).
export { provideCustomerService } from './ports.js';
export type { CustomerService } from './ports.js';
export type { ArticleCard } from './ports.js';
export { presentPhoneMessage } from './phone/messagePresenter.js';
// The simulator's menu click (menus) answers like a message sent from the simulator.
export { simOutcome } from './simOutcome.js';
export type { PhoneMessage } from './phone/messagePresenter.js';
export { announceMenuChange, missedPhoneMessages, phoneMessageLoader, publishConversation } from './realtime.js';
export { findInboundByMsgId, followerByOpenid, insertConversationMessage, latestConversationId, listFollowerConversation } from './store/conversations.js';
// The phone's Chats list (the chats module) reads these.
export { listChatSummaries, listFollowedAccounts, markConversationRead } from './store/phoneChats.js';
export type { ConversationRow } from './store/conversations.js';
export { closeWindows, lastWindowClosedAt, lockWindows, openWindow, openWindows, openWindowsOf } from './store/serviceWindows.js';
// The customer-service inbox (kf) shows the window as 消息管理 does.
export { presentWindow } from './console/windowPresenter.js';
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { countReceivedMessages } from './store/messageFigures.js';
