import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services.js';
import { sendUserMessage, type UserMessageInput } from '../commands/userMessageSender.js';
import { findFollow } from '../store/followers.js';
import { latestConversationId, listFollowerConversation } from '../store/conversations.js';
import { listChatSummaries, markConversationRead } from '../store/phoneChats.js';
import { presentPhoneMessage } from '../realtime/presenters.js';
import { accountOf } from './accountRoutes.js';
import { phoneRoute } from './kit.js';
import { presentChat, presentFolderEntry, presentSubscriptionsSummary } from './presenters.js';

const PAGE_DEFAULT = 30;
const PAGE_MAX = 100;

const pageQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,15}$/, 'before must be a message id.')
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
      const [all, cursor] = await Promise.all([listChatSummaries(services.db, user.id), latestConversationId(services.db, user.id)]);
      const folder = all.filter((s) => s.latest.placement === 'subscriptions');
      return {
        chats: all.filter((s) => s.latest.placement !== 'subscriptions').map(presentChat),
        subscriptions: presentSubscriptionsSummary(folder),
        cursor,
      };
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/subscriptions',
    async handler({ user }) {
      const all = await listChatSummaries(services.db, user.id);
      return { accounts: all.filter((s) => s.latest.placement === 'subscriptions').map(presentFolderEntry) };
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
      const rows = await listFollowerConversation(services.db, account.id, follow.openid, { before: query.before, limit: limit + 1 });
      const page = rows.length > limit ? rows.slice(rows.length - limit) : rows;
      return {
        messages: page.map((r) => presentPhoneMessage({ ...r, appid: account.appid, accountName: account.name, accountType: account.type })),
        has_more: rows.length > limit,
      };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/read',
    async handler({ user, params }) {
      const account = await accountOf(services, params.appid);
      return { marked: await markConversationRead(services.db, user.id, account.id, services.clock.now()) };
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
