import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { explainRefusal, sendCustomMessage } from '../../messaging/index.js';
import { listKfAccounts } from '../store/kfAccounts.js';
import { findOpenSession } from '../store/kfSessions.js';
import { listFollowerConversation } from '../../messaging/index.js';
import { lastWindowClosedAt, openWindows, presentWindow } from '../../messaging/index.js';
import { windowView } from '../../messaging/rules/serviceWindow.js';
import { inboxFollowers } from '../../followers/index.js';
import { listOrgOperators } from '../store/inboxDirectory.js';
import type { AccountRow } from '../../accounts/index.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { openidParam, requireKf, requireMyKf } from './inboxAccess.js';
import { presentConversationMessage, presentFollowerProfile, presentOpenSession } from './inboxPresenter.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';

/** Messages per page of a conversation. */
export const CONVERSATION_PAGE_DEFAULT = 50;
const CONVERSATION_PAGE_MAX = 200;

const replyBody = z.object({
  msgtype: z.enum(['text', 'image'], { message: 'msgtype must be text or image.' }),
  // For text the message; for image the media_id of an image of this account.
  content: cleanText({ multiline: true }).pipe(z.string().min(1, 'Write a reply.').max(4096, 'The reply is too long.')),
});

const cursor = z.string().regex(/^\d{1,15}$/, 'must be a message id.');
const messagesQuery = z.object({
  before: cursor.optional(),
  after: cursor.optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'limit must be a number.').optional(),
});

/** The follower must follow (or have followed) the account; any other openid is a 404. */
async function followerOf(services: Services, account: AccountRow, openid: string) {
  const follower = (await inboxFollowers(services.db, account.id, [openid])).get(openid);
  if (!follower) throw new DomainError('not_found', 'No such conversation.');
  return follower;
}

/** A conversation's header: the follower, their open session and the message window. */
export async function conversationState(services: Services, account: AccountRow, openid: string) {
  const now = services.clock.now();
  const [follower, open, windows, closedAt, kfs] = await Promise.all([
    followerOf(services, account, openid),
    findOpenSession(services.db, account.id, openid),
    openWindows(services.db, account.id, openid, now),
    lastWindowClosedAt(services.db, account.id, openid, now),
    listKfAccounts(services.db, account.id),
  ]);
  const kf = open?.kfAccount ? kfs.find((k) => k.kfAccount === open.kfAccount) : undefined;
  return {
    now: now.toISOString(),
    follower: presentFollowerProfile(openid, follower),
    session: open ? presentOpenSession(open, kf?.nickname) : null,
    window: presentWindow(windowView(windows, now.getTime(), closedAt)),
  };
}

/** A conversation in the inbox: its messages both ways, who answered, and the window state. */
export function registerInboxMessageRoutes(api: FastifyInstance, services: Services): void {
  const base = '/accounts/:appid/inbox/:openid';

  consoleRoute(api, services, {
    method: 'GET',
    url: `${base}/messages`,
    action: 'inbox.use',
    query: messagesQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const openid = openidParam(params.openid);
      const limit = Math.min(CONVERSATION_PAGE_MAX, Math.max(1, Number(query.limit ?? CONVERSATION_PAGE_DEFAULT)));
      const state = await conversationState(services, account, openid);
      const after = query.after === undefined ? undefined : Number(query.after);
      const before = query.before === undefined ? undefined : Number(query.before);
      // One more than asked tells whether older messages remain.
      const rows = await listFollowerConversation(services.db, account.id, openid, { before, after, limit: after === undefined ? limit + 1 : limit });
      const hasMore = after === undefined && rows.length > limit;
      const page = hasMore ? rows.slice(1) : rows;
      const [kfs, operators] = await Promise.all([listKfAccounts(services.db, account.id), listOrgOperators(services.db, account.orgId)]);
      const names = new Map(operators.map((o) => [o.id, o.name]));
      const who = new Map(kfs.map((k) => [k.kfAccount.toLowerCase(), { nickname: k.nickname, operator: k.operatorId ? (names.get(k.operatorId) ?? null) : null }]));
      return {
        ...state,
        messages: page.map((m) => presentConversationMessage(m, m.kfAccount ? who.get(m.kfAccount.toLowerCase()) : undefined)),
        has_more: hasMore,
      };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/reply`,
    action: 'inbox.use',
    body: replyBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const openid = openidParam(params.openid);
      await followerOf(services, account, openid);
      const me = requireMyKf(await listKfAccounts(services.db, account.id), session);
      const open = await findOpenSession(services.db, account.id, openid);
      // Console policy: one representative talks to a follower at a time.
      if (open?.status === 'waiting') throw new DomainError('claim_first', 'This follower is waiting for customer service: claim the conversation before replying.');
      if (open?.kfAccount && open.kfAccount !== me.kfAccount) {
        throw new DomainError('kf_session_other', `${open.kfAccount} is handling this conversation; ask them to transfer it to you.`);
      }
      const payload = body.msgtype === 'text' ? { text: { content: body.content } } : { image: { media_id: body.content } };
      const sent = await explainRefusal(services, account, openid, () =>
        sendCustomMessage(services, account, { touser: openid, msgtype: body.msgtype, ...payload, customservice: { kf_account: me.kfAccount } }),
      );
      return { sent: { id: sent.message.id }, ...(await conversationState(services, account, openid)) };
    },
  });
}

/** A conversation's header: the follower, the open session and the window (type-only, for the web app). */
export type ConversationState = Awaited<ReturnType<typeof conversationState>>;
