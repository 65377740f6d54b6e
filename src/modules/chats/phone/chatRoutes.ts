import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { latestConversationId, listFollowerConversation, markConversationRead, presentPhoneMessage, sendUserMessage, type PhoneMessage } from '../../messaging/index.js';
import type { UserMessageInput } from '../../messaging/rules/userMessage.js';
import { findFollow } from '../../followers/index.js';
import { listAccountPosts, markPostsRead } from '../../reader/index.js';
import { accountOf } from '../../followers/index.js';
import { postMessage, presentBroadcasts } from '../../broadcasts/index.js';
import { listInbox } from './inbox.js';
import { phoneRoute } from '../../../surfaces/phone/kit.js';
import { presentChat, presentFolderEntry, presentSubscriptionsSummary } from '../../followers/index.js';

const PAGE_DEFAULT = 30;
const PAGE_MAX = 100;

const pageQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,15}$/, 'before must be a message id.')
    .transform(Number)
    .optional(),
  /** The oldest push post the phone has: posts page separately from messages (their ids are msg_ids). */
  before_post: z
    .string()
    .regex(/^\d{1,15}$/, 'before_post must be a push post id.')
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `limit must be 1 to ${PAGE_MAX}.`)
    .transform(Number)
    .pipe(z.number().int().min(1, `limit must be 1 to ${PAGE_MAX}.`).max(PAGE_MAX, `limit must be 1 to ${PAGE_MAX}.`))
    .optional(),
});

/** The message's own checks live in domain/userMessage.ts; here only its outline. */
const messageBody = z.looseObject({ msgtype: z.string().max(32) });

/** The Chats list, the Subscriptions folder, conversations, read marks and sending. */
export function registerChatRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/chats',
    async handler({ user }) {
      const [all, cursor] = await Promise.all([listInbox(services, user.id), latestConversationId(services.db, user.id)]);
      const folder = all.filter((s) => s.placement === 'subscriptions');
      return {
        chats: all.filter((s) => s.placement !== 'subscriptions').map(presentChat),
        subscriptions: presentSubscriptionsSummary(folder),
        cursor,
      };
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/subscriptions',
    async handler({ user }) {
      const all = await listInbox(services, user.id);
      return { accounts: all.filter((s) => s.placement === 'subscriptions').map(presentFolderEntry) };
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/messages',
    query: pageQuery,
    async handler({ user, params, query }) {
      const account = await accountOf(services, params.appid);
      const follow = await findFollow(services.db, account.id, user.id);
      if (!follow) return { messages: [], has_more: false };
      const limit = query.limit ?? PAGE_DEFAULT;
      const [rows, posts] = await Promise.all([
        listFollowerConversation(services.db, account.id, follow.openid, { before: query.before, limit: limit + 1 }),
        listAccountPosts(services.db, account.id, follow.openid, { before: query.before_post, limit: limit + 1 }),
      ]);
      // Messages and push posts merged by time; the page is the newest `limit` of both. Anything
      // left out is older than everything in the page, so each kind's oldest id is its cursor.
      type Item = { at: number; message?: (typeof rows)[number]; post?: (typeof posts)[number] };
      const items: Item[] = [...[...rows].reverse().map((r) => ({ at: r.createdAt.getTime(), message: r })), ...posts.map((p) => ({ at: p.sentAt.getTime(), post: p }))];
      items.sort((a, b) => b.at - a.at); // stable: each kind stays newest first on equal times
      const page = items.slice(0, limit).reverse();
      const views = await presentBroadcasts(services, page.flatMap((i) => (i.post ? [i.post] : [])));
      let v = 0;
      const messages: PhoneMessage[] = page.map((i) =>
        i.message
          ? presentPhoneMessage({ ...i.message, appid: account.appid, accountName: account.name, accountType: account.type })
          : postMessage(views[v++]),
      );
      return { messages, has_more: items.length > limit };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/read',
    async handler({ user, params }) {
      const account = await accountOf(services, params.appid);
      const now = services.clock.now();
      const follow = await findFollow(services.db, account.id, user.id);
      const [messages, posts] = await Promise.all([
        markConversationRead(services.db, user.id, account.id, now),
        follow ? markPostsRead(services.db, account.id, follow.openid, now) : 0,
      ]);
      return { marked: messages + posts };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/messages',
    body: messageBody,
    status: 201,
    async handler({ user, params, body }) {
      const account = await accountOf(services, params.appid);
      const sent = await sendUserMessage(services, user.id, account.appid, body as unknown as UserMessageInput);
      return { message: sent.message, replies: sent.replies, route: sent.route };
    },
  });
}
