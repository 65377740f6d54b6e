import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { can } from '../../accounts/rules/capabilities.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import type { ConsoleSession } from '../../../surfaces/console/auth.js';
import { sendCustomMessage } from '../commands/customMessageSender.js';
import { DEFAULT_MESSAGE_RANGE, MESSAGE_RANGES, rangeBounds } from '../rules/messageRange.js';
import { findFollowerMessage, listFollowerMessages, setMessageStar } from '../store/followerMessages.js';
import { inboxFollowers } from '../../followers/index.js';
import { lastWindowClosedAt, openWindowsOf } from '../store/serviceWindows.js';
import { windowView } from '../rules/serviceWindow.js';
import { customerServiceOf } from '../ports.js';
import { presentWindow } from './windowPresenter.js';
import { presentFollowerMessage } from './messagePresenter.js';
import { explainRefusal } from './replyRefusal.js';

/** Messages per page of 消息管理. */
const MESSAGE_PAGE_DEFAULT = 50;
const MESSAGE_PAGE_MAX = 100;

const listQuery = z.object({
  range: z.enum(MESSAGE_RANGES, { message: `range must be one of ${MESSAGE_RANGES.join(', ')}.` }).optional(),
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid is not an openid.').optional(),
  starred: z.enum(['true', 'false'], { message: 'starred must be true or false.' }).optional(),
  q: cleanText().pipe(z.string().max(64, 'Search for at most 64 characters.')).optional(),
  before: z.string().regex(/^\d{1,15}$/, 'before must be a message id.').optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'limit must be a number.').optional(),
});

const starBody = z.object({ starred: z.boolean({ message: 'starred must be true or false.' }) });

const replyBody = z.object({
  content: cleanText({ multiline: true }).pipe(z.string().trim().min(1, 'Write a reply.').max(4096, 'The reply is too long.')),
});

/** A message id from the path; anything that cannot be one is a 404. */
function messageIdParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new DomainError('not_found', 'No such message.');
  return Number(raw);
}

async function followerMessageOf(services: Services, account: AccountRow, raw: string | undefined) {
  const message = await findFollowerMessage(services.db, account.id, messageIdParam(raw));
  if (!message) throw new DomainError('not_found', 'No such message.');
  return message;
}

/** The follower's customer-service window now, with when it closed if it has. */
async function replyWindow(services: Services, account: AccountRow, openid: string) {
  const now = services.clock.now();
  const [windows, closedAt] = await Promise.all([
    openWindowsOf(services.db, account.id, [openid], now),
    lastWindowClosedAt(services.db, account.id, openid, now),
  ]);
  return presentWindow(windowView(windows.get(openid) ?? [], now.getTime(), closedAt));
}

/**
 * An operator who works as a customer-service account of this account answers as it, so the
 * answer is recorded for the customer-service inbox (its session shows as answered) as well.
 */
async function myKfAccount(services: Services, account: AccountRow, session: ConsoleSession): Promise<string | undefined> {
  if (!can(account, 'kf')) return undefined;
  return customerServiceOf().kfAccountOf(services.db, account.id, session.operator.id);
}

/**
 * 消息管理: every follower message to the account, answered or not, whether or not a developer
 * server exists; star them and answer a follower inside the 48-hour window with the same command
 * as message/custom/send.
 */
export function registerMessageRoutes(api: FastifyInstance, services: Services): void {
  const base = '/accounts/:appid/messages';

  consoleRoute(api, services, {
    method: 'GET',
    url: base,
    action: 'messages.view',
    query: listQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const nowMs = services.clock.nowMs();
      const range = query.range ?? DEFAULT_MESSAGE_RANGE;
      const { from, to } = rangeBounds(range, nowMs);
      const limit = Math.min(MESSAGE_PAGE_MAX, Math.max(1, Number(query.limit ?? MESSAGE_PAGE_DEFAULT)));
      const q = query.q?.trim();
      const rows = await listFollowerMessages(services.db, account.id, {
        from: from ?? undefined,
        to: to ?? undefined,
        openid: query.openid,
        starred: query.starred === 'true',
        q: q || undefined,
        before: query.before === undefined ? undefined : Number(query.before),
        // One more than asked tells whether older messages remain.
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const openids = page.map((r) => r.openid);
      const [followers, windows] = await Promise.all([
        inboxFollowers(services.db, account.id, openids),
        openWindowsOf(services.db, account.id, openids, new Date(nowMs)),
      ]);
      return {
        now: new Date(nowMs).toISOString(),
        range,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        messages: page.map((r) => ({
          ...presentFollowerMessage(r, followers.get(r.openid)),
          window: presentWindow(windowView(windows.get(r.openid) ?? [], nowMs, null)),
        })),
        next_before: rows.length > limit ? page[page.length - 1].id : null,
      };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: `${base}/:id/star`,
    action: 'messages.star',
    body: starBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const message = await followerMessageOf(services, account, params.id);
      await setMessageStar(services.db, account.id, message.id, body.starred, services.clock.now());
      return { id: message.id, starred: body.starred };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/:id/reply`,
    action: 'messages.reply',
    body: replyBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const message = await followerMessageOf(services, account, params.id);
      const kfAccount = await myKfAccount(services, account, session);
      const sent = await explainRefusal(services, account, message.openid, () =>
        sendCustomMessage(services, account, {
          touser: message.openid,
          msgtype: 'text',
          text: { content: body.content },
          ...(kfAccount ? { customservice: { kf_account: kfAccount } } : {}),
        }),
      );
      return { sent: { id: sent.message.id }, window: await replyWindow(services, account, message.openid) };
    },
  });
}

/** 消息管理's page of messages (type-only, for the web app). */
export type FollowerMessagesView = {
  now: string;
  range: (typeof MESSAGE_RANGES)[number];
  from: string | null;
  to: string | null;
  messages: Array<ReturnType<typeof presentFollowerMessage> & { window: ReturnType<typeof presentWindow> }>;
  next_before: number | null;
};
