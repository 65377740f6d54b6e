import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { acceptSession } from '../commands/kfSessionAcceptor.js';
import { transferSession } from '../commands/kfSessionTransferrer.js';
import { closeSession } from '../commands/kfSessionCloser.js';
import { representativeOf } from '../commands/kfRepresentativeAdder.js';
import { MAX_WAITCASE_LIST } from '../rules/kf.js';
import { responseBoard, responseStatus } from '../rules/responseTime.js';
import { listKfAccounts, type KfAccountRow } from '../store/kfAccounts.js';
import { findOpenSession, listActiveSessionsOfKf, listSessionsForBoard, listWaitingSessions } from '../store/kfSessions.js';
import { inboxFollowers } from '../../followers/index.js';
import { openWindowsOf, presentWindow } from '../../messaging/index.js';
import { windowView } from '../../messaging/rules/serviceWindow.js';
import type { AccountRow } from '../../accounts/index.js';
import type { ConsoleSession } from '../../../surfaces/console/auth.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { isSupervisor, kfAccountField, kfNamed, openidParam, requireKf, requireMyKf } from './inboxAccess.js';
import { latestPreviews } from './inboxConversation.js';
import { presentBoard, presentSession, presentWaiting } from './inboxPresenter.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';

const toKfBody = z.object({ kf_account: kfAccountField });

/** The inbox at the platform's now: the queue, my sessions, the others', the board. */
async function inboxView(services: Services, account: AccountRow, session: ConsoleSession) {
  const nowMs = services.clock.nowMs();
  const kfs = await listKfAccounts(services.db, account.id);
  const me = representativeOf(kfs, session.operator.id);
  const [queue, mine, open] = await Promise.all([
    listWaitingSessions(services.db, account.id, MAX_WAITCASE_LIST),
    me ? listActiveSessionsOfKf(services.db, account.id, me.kfAccount) : Promise.resolve([]),
    listSessionsForBoard(services.db, account.id),
  ]);
  const others = open.filter((s) => s.status === 'active' && s.kfAccount !== null && s.kfAccount !== me?.kfAccount);
  const openids = [...queue.sessions.map((s) => s.openid), ...open.map((s) => s.openid)];
  const [followers, previews, windows] = await Promise.all([
    inboxFollowers(services.db, account.id, openids),
    latestPreviews(services.db, account.id, openids),
    openWindowsOf(services.db, account.id, openids, new Date(nowMs)),
  ]);
  // In lists a closed window's closing time is left out (the conversation itself looks it up).
  const windowOf = (openid: string) => presentWindow(windowView(windows.get(openid) ?? [], nowMs, null));
  const nick = new Map(kfs.map((k) => [k.kfAccount, k.nickname]));
  const times = new Map(open.map((s) => [s.openid, s]));
  const asSession = (s: (typeof mine)[number] | (typeof others)[number]) => ({
    ...presentSession(s, followers.get(s.openid), previews.get(s.openid), responseStatus(times.get(s.openid) ?? s, nowMs), s.kfAccount ? nick.get(s.kfAccount) : undefined),
    window: windowOf(s.openid),
  });
  return {
    now: new Date(nowMs).toISOString(),
    me: me ? { kf_account: me.kfAccount, nickname: me.nickname, online: me.online } : null,
    can_supervise: isSupervisor(session),
    waiting_count: queue.count,
    waiting: queue.sessions.map((s) => ({
      ...presentWaiting(s, followers.get(s.openid), previews.get(s.openid), responseStatus(times.get(s.openid) ?? s, nowMs)),
      window: windowOf(s.openid),
    })),
    mine: mine.map(asSession),
    others: others.map(asSession),
    board: presentBoard(responseBoard(open, nowMs), followers, nick),
  };
}

/**
 * The customer-service inbox: the wait queue, sessions by representative and the 48-hour
 * response-time board; claiming, assigning, transferring and closing go through the same kf
 * commands as the WeChat API (kfsession/*), so the same rules apply.
 */
export function registerInboxRoutes(api: FastifyInstance, services: Services): void {
  const base = '/accounts/:appid/inbox';

  consoleRoute(api, services, {
    method: 'GET',
    url: base,
    action: 'inbox.use',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      return inboxView(services, account, session);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/:openid/claim`,
    action: 'inbox.use',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const openid = openidParam(params.openid);
      const me = requireMyKf(await listKfAccounts(services.db, account.id), session);
      await acceptSession(services, account.id, openid, me.kfAccount);
      return inboxView(services, account, session);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/:openid/assign`,
    action: 'inbox.use',
    body: toKfBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const openid = openidParam(params.openid);
      const to = kfNamed(await listKfAccounts(services.db, account.id), body.kf_account, 'body');
      // Giving a waiting follower to someone is accepting on their behalf: the same rules apply.
      await acceptSession(services, account.id, openid, to.kfAccount);
      return inboxView(services, account, session);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/:openid/transfer`,
    action: 'inbox.use',
    body: toKfBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const openid = openidParam(params.openid);
      const kfs = await listKfAccounts(services.db, account.id);
      const to = kfNamed(kfs, body.kf_account, 'body');
      await requireHolderOrSupervisor(services, account, kfs, openid, session);
      await transferSession(services, account.id, openid, to.kfAccount);
      return inboxView(services, account, session);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/:openid/close`,
    action: 'inbox.use',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const openid = openidParam(params.openid);
      const kfs = await listKfAccounts(services.db, account.id);
      // Supervisors close any session; a representative closes their own (closeSession's rule).
      const byKf = isSupervisor(session) ? null : requireMyKf(kfs, session).kfAccount;
      await closeSession(services, account.id, openid, byKf);
      return inboxView(services, account, session);
    },
  });
}

/**
 * A representative hands on only their own conversations; owners and admins hand on anyone's.
 * (Whether the session can be handed on at all is transferSession's rule.)
 */
async function requireHolderOrSupervisor(
  services: Services,
  account: AccountRow,
  kfs: readonly KfAccountRow[],
  openid: string,
  session: ConsoleSession,
): Promise<void> {
  if (isSupervisor(session)) return;
  const me = requireMyKf(kfs, session);
  const open = await findOpenSession(services.db, account.id, openid);
  if (open && open.status === 'active' && open.kfAccount !== null && open.kfAccount !== me.kfAccount) {
    throw new DomainError('forbidden', `Only ${open.kfAccount} or an owner or admin can transfer this conversation.`);
  }
}

/** The inbox as the console polls it (type-only, for the web app). */
export type InboxView = Awaited<ReturnType<typeof inboxView>>;
