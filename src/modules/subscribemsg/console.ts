import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import type { AccountRow } from '../accounts/index.js';
import { can } from '../accounts/rules/capabilities.js';
import { addSubscribeTemplate } from './commands/subscribeTemplateAdder.js';
import { deleteSubscribeTemplateOf } from './commands/subscribeTemplateDeleter.js';
import { countSentByTemplate, listSubscribeTemplates } from './store.js';
import { categoryState, setSubscribeCategories } from './commands/categorySetter.js';
import { presentConsoleSubscribe } from './consolePresenter.js';

const categoriesBody = z.object({ category_ids: z.array(z.number().int().min(1).max(1_000_000)).max(20) }).strict();

const addBody = z.object({
  tid: z.number().int().min(1).max(1_000_000_000),
  kid_list: z.array(z.number().int().min(0).max(1000)).min(1).max(10),
  scene_desc: z.string().max(64).default(''),
}).strict();

/** Sentences for the refusals the console can meet (the page shows its catalog's words by errcode). */
const REFUSALS: Record<number, string> = {
  200012: 'An account can keep at most 25 subscribe templates: delete one first.',
  200014: 'No such template in the library.',
  200020: 'Choose 2 to 5 different keywords of the template.',
  200021: 'The scene description is at most 15 characters.',
  40037: 'No such template.',
};

/** Runs a command, turning its WeChat refusal into the console's (errcode kept in details). */
async function explained<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError && err.errcode !== undefined && REFUSALS[err.errcode]) {
      throw new DomainError(err.errcode === 40037 || err.errcode === 200014 ? 'not_found' : 'template_refused', REFUSALS[err.errcode], { errcode: err.errcode });
    }
    throw err;
  }
}

/** The account's page, refused (not hidden) when its type cannot use subscribe notifications. */
async function subscribeAccount(services: Services, session: Parameters<typeof accountInScope>[1], appid: string): Promise<AccountRow> {
  const account = await accountInScope(services, session, appid);
  if (!can(account, 'template')) throw new DomainError('templates_unavailable', 'Subscribe notifications are for verified service accounts.');
  return account;
}

/**
 * 订阅通知: the library by category, the account's templates with how many notifications each
 * sent, adding and deleting. The actions are 模板消息's (`templates.view`, `templates.edit`).
 */
export function registerSubscribeConsoleRoutes(api: FastifyInstance, services: Services): void {
  const view = async (account: AccountRow) => {
    const [templates, sent, categories] = await Promise.all([
      listSubscribeTemplates(services.db, account.id),
      countSentByTemplate(services.db, account.id),
      categoryState(services, account.id),
    ]);
    return presentConsoleSubscribe(can(account, 'template'), templates, sent, categories);
  };

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/subscribe-categories',
    action: 'templates.edit',
    body: categoriesBody,
    async handler({ session, params, body }) {
      const account = await subscribeAccount(services, session, params.appid);
      await setSubscribeCategories(services, account.id, body.category_ids);
      return view(account);
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/subscribe-templates',
    action: 'templates.view',
    async handler({ session, params }) {
      return view(await accountInScope(services, session, params.appid));
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/subscribe-templates',
    action: 'templates.edit',
    status: 201,
    body: addBody,
    async handler({ session, params, body }) {
      const account = await subscribeAccount(services, session, params.appid);
      const row = await explained(() => addSubscribeTemplate(services, account.id, { tid: body.tid, kidList: body.kid_list, sceneDesc: body.scene_desc }));
      return { pri_tmpl_id: row.priTmplId };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/subscribe-templates/:priTmplId',
    action: 'templates.edit',
    async handler({ session, params }) {
      const account = await subscribeAccount(services, session, params.appid);
      await explained(() => deleteSubscribeTemplateOf(services, account.id, params.priTmplId));
      return { deleted: true };
    },
  });
}
