/**
 * The chats module: the phone's Chats list and Subscriptions folder, where a follower's
 * conversations (messaging) and received push posts (broadcasts, reader) meet. It sits at the top
 * of the module order: it reads those modules' public APIs and nothing imports it at run time.
 * See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';

const phoneRegisterChatRoutes = lazyRoutes(() => import('./phone/chatRoutes.js'), 'registerChatRoutes');

/** What the server registers for the phone's chats. */
export const chatsModule = defineModule({
  name: 'chats',
  routes: {
    phone: [phoneRegisterChatRoutes],
  },
});

// Types only: the follower presenters word an entry of the list.
export type { InboxEntry } from './phone/inbox.js';
