/**
 * The autoreplies module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { followReplier } from './commands/followReplier.js';
import { onFollowChangeInTx } from '../followers/index.js';

const consoleRegisterAutoReplyRoutes = lazyRoutes(() => import('./console/autoReplyRoutes.js'), 'registerAutoReplyRoutes');
const wechatRegisterAutoReplyApis = lazyRoutes(() => import('./wechat.js'), 'registerAutoReplyApis');

/** What the server registers for autoreplies. */
export const autorepliesModule = defineModule({
  name: 'autoreplies',
  routes: {
    wechat: [wechatRegisterAutoReplyApis],
    console: [consoleRegisterAutoReplyRoutes],
  },
  // A follow (followers) sends the account's follow reply, inside the follow's transaction.
  connect: [(services) => onFollowChangeInTx(services, followReplier(services))],
});

// The public API: what other modules use.
export { autoReplyFor } from './commands/autoReplyResponder.js';
