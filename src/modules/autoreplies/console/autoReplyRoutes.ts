import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { createKeywordRule } from '../commands/autoReplyRuleCreator.js';
import { updateKeywordRule } from '../commands/autoReplyRuleUpdater.js';
import { deleteKeywordRule } from '../commands/autoReplyRuleDeleter.js';
import { reorderKeywordRules } from '../commands/autoReplyRulesReorderer.js';
import { clearAutoReply, setAutoReply, type ReplySetKind } from '../commands/autoReplySetter.js';
import { loadAutoReplyRules } from '../store.js';
import type { AccountRow } from '../../accounts/index.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { presentAutoReplies, presentRule } from './autoReplyPresenter.js';
import { requireConsoleOwns } from '../../../surfaces/console/ownership.js';

/** Rules are checked by domain/autoReply.ts, which names the field at fault; here only "a JSON object". */
const ruleBody = z.record(z.string(), z.unknown());
const orderBody = z.object({ ids: z.array(z.unknown()).max(1000, 'Too many ids.') });

async function view(services: Services, account: AccountRow) {
  return presentAutoReplies(account, await loadAutoReplyRules(services.db, account.id));
}

/** Auto-replies: on follow, keyword rules, and the default reply. */
export function registerAutoReplyRoutes(api: FastifyInstance, services: Services): void {
  const base = '/accounts/:appid/auto-replies';

  /** The account, if the console may change its auto-replies. */
  const writable = async (session: Parameters<typeof accountInScope>[1], appid: string | undefined) => {
    const account = await accountInScope(services, session, appid);
    requireConsoleOwns(account, 'auto_replies');
    return account;
  };

  consoleRoute(api, services, {
    method: 'GET',
    url: base,
    action: 'autoreplies.view',
    async handler({ session, params }) {
      return view(services, await accountInScope(services, session, params.appid));
    },
  });

  for (const kind of ['subscribe', 'default'] as const satisfies readonly ReplySetKind[]) {
    consoleRoute(api, services, {
      method: 'PUT',
      url: `${base}/${kind}`,
      action: 'autoreplies.edit',
      body: ruleBody,
      async handler({ session, params, body }) {
        const account = await writable(session, params.appid);
        return { rule: presentRule(await setAutoReply(services, account.id, kind, body)) };
      },
    });
    consoleRoute(api, services, {
      method: 'DELETE',
      url: `${base}/${kind}`,
      action: 'autoreplies.edit',
      async handler({ session, params }) {
        const account = await writable(session, params.appid);
        await clearAutoReply(services, account.id, kind);
        return { ok: true };
      },
    });
  }

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/keyword-rules`,
    action: 'autoreplies.edit',
    body: ruleBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await writable(session, params.appid);
      return { rule: presentRule(await createKeywordRule(services, account.id, body)) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: `${base}/keyword-rules/order`,
    action: 'autoreplies.edit',
    body: orderBody,
    async handler({ session, params, body }) {
      const account = await writable(session, params.appid);
      await reorderKeywordRules(services, account.id, body.ids);
      return view(services, account);
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: `${base}/keyword-rules/:id`,
    action: 'autoreplies.edit',
    body: ruleBody,
    async handler({ session, params, body }) {
      const account = await writable(session, params.appid);
      return { rule: presentRule(await updateKeywordRule(services, account.id, params.id, body)) };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: `${base}/keyword-rules/:id`,
    action: 'autoreplies.edit',
    async handler({ session, params }) {
      const account = await writable(session, params.appid);
      await deleteKeywordRule(services, account.id, params.id);
      return { ok: true };
    },
  });
}
