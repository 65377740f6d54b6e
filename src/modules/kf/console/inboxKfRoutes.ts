import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { addRepresentative } from '../commands/kfRepresentativeAdder.js';
import { setKfOnline } from '../commands/kfPresence.js';
import { acceptedCases, listKfAccounts } from '../store/kfAccounts.js';
import { listOrgOperators } from '../store/inboxDirectory.js';
import type { AccountRow } from '../../accounts/index.js';
import type { ConsoleSession } from '../../../surfaces/console/auth.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { isSupervisor, kfNamed, kfUnavailableReason, requireKf, withKfMessages } from './inboxAccess.js';
import { presentOperatorChoice, presentRepresentative } from './inboxPresenter.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';

// Lengths are only bounded here; kfaccount/add's own rules (addKfAccount) decide the rest.
const createBody = z.object({
  kf_account: cleanText().pipe(z.string().trim().min(1, 'Enter the part before @.').max(64, 'kf_account is at most 64 characters.')),
  nickname: cleanText().pipe(z.string().trim().min(1, 'Enter a nickname.').max(200, 'Nickname is too long.')),
  operator_id: z.string().max(64, 'operator_id is not valid.').optional(),
});

const presenceBody = z.object({ online: z.boolean({ message: 'online must be true or false.' }) });

/** The representatives of an account as the console shows them. */
async function representativesView(services: Services, account: AccountRow, session: ConsoleSession) {
  const [kfs, cases, operators] = await Promise.all([
    listKfAccounts(services.db, account.id),
    acceptedCases(services.db, account.id),
    listOrgOperators(services.db, account.orgId),
  ]);
  const byId = new Map(operators.map((o) => [o.id, o]));
  const boundTo = new Map(kfs.filter((k) => k.operatorId).map((k) => [String(k.operatorId), k.kfAccount]));
  const me = kfs.find((k) => k.operatorId === session.operator.id);
  return {
    wechat_id: account.wechatId,
    available: kfUnavailableReason(account) === null,
    unavailable_reason: kfUnavailableReason(account),
    can_supervise: isSupervisor(session),
    me: me ? { kf_account: me.kfAccount, nickname: me.nickname, online: me.online } : null,
    kf_accounts: kfs.map((k) => presentRepresentative(k, cases.get(k.kfAccount) ?? 0, k.operatorId ? byId.get(k.operatorId) : undefined, session.operator.id)),
    operators: operators.map((o) => presentOperatorChoice(o, boundTo.get(o.id) ?? null)),
  };
}

/**
 * Representatives: the account's kf accounts with the operators working as them, who is online
 * and how many sessions each has; adding one bound to an operator; going online and offline.
 */
export function registerInboxKfRoutes(api: FastifyInstance, services: Services): void {
  const base = '/accounts/:appid/kf';

  consoleRoute(api, services, {
    method: 'GET',
    url: base,
    action: 'kf.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return representativesView(services, account, session);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: base,
    action: 'kf.edit',
    body: createBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const operatorId = body.operator_id ?? session.operator.id;
      if (operatorId !== session.operator.id && !isSupervisor(session)) {
        throw new DomainError('forbidden', 'Only owners and admins can add other operators as representatives.');
      }
      const created = await withKfMessages(() => addRepresentative(services, account.id, { kfAccount: body.kf_account, nickname: body.nickname, operatorId }));
      const view = await representativesView(services, account, session);
      return { kf_account: view.kf_accounts.find((k) => k.kf_account === created.kfAccount), ...view };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/:kf_account/presence`,
    action: 'kf.edit',
    body: presenceBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      requireKf(account);
      const kf = kfNamed(await listKfAccounts(services.db, account.id), params.kf_account, 'path');
      if (kf.operatorId !== session.operator.id && !isSupervisor(session)) {
        throw new DomainError('forbidden', `Only the operator working as ${kf.kfAccount}, or an owner or admin, can change its status.`);
      }
      await setKfOnline(services, account.id, kf.kfAccount, body.online);
      return representativesView(services, account, session);
    },
  });
}

/** The representatives page (type-only, for the web app). */
export type RepresentativesView = Awaited<ReturnType<typeof representativesView>>;
