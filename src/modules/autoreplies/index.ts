/**
 * The autoreplies module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { followReplier } from './commands/followReplier.js';
import { autoReplyFor } from './commands/autoReplyResponder.js';
import { onFollowChangeInTx } from '../followers/index.js';
import { provideMessageReplier } from '../messaging/index.js';
import { provideMaterialUseCheck } from '../media/index.js';
import { autoReplyNamesMedia } from './store.js';

const consoleRegisterAutoReplyRoutes = lazyRoutes(() => import('./console/autoReplyRoutes.js'), 'registerAutoReplyRoutes');

/** What the server registers for autoreplies. */
export const autorepliesModule = defineModule({
  name: 'autoreplies',
  routes: {
    console: [consoleRegisterAutoReplyRoutes],
  },
  // A follow (followers) sends the account's follow reply, inside the follow's transaction.
  // A follower's message that no developer server answers (messaging) gets the matching reply.
  // A material a rule names is not deleted (media).
  connect: [
    (services) => onFollowChangeInTx(services, followReplier(services)),
    () => provideMessageReplier((tx, account, follower, message, when) => autoReplyFor(tx, account, follower, { kind: 'message', ...message }, when)),
    () => provideMaterialUseCheck('autoreplies', autoReplyNamesMedia),
  ],
});
