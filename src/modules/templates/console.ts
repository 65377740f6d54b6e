import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import type { AccountRow } from '../accounts/index.js';
import { can } from '../accounts/rules/capabilities.js';
import { setIndustry } from './commands/industrySetter.js';
import { addTemplate } from './commands/templateAdder.js';
import { deleteTemplate } from './commands/templateDeleter.js';
import { findIndustries, listPrivateTemplates, listTemplateMessages } from './store.js';
import { presentConsoleTemplates, presentSentTemplate } from './consolePresenter.js';

const industryBody = z.object({ industry_id1: z.number().int().min(1).max(41), industry_id2: z.number().int().min(1).max(41) }).strict();
const addBody = z.object({ template_id_short: z.string().min(1).max(32), keyword_name_list: z.array(z.string().max(32)).max(20).optional() }).strict();
const sentQuery = z.object({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int('limit must be a whole number.').min(1).max(100).default(50),
  before: z.string().regex(/^[1-9]\d{0,18}$/, 'before must be a msgid.').optional(),
});

/** Sentences for the refusals the console can meet (the page shows its catalog's words by errcode). */
const REFUSALS: Record<number, string> = {
  43100: 'The industries were already changed this month; they can change again next month.',
  45026: 'An account can keep at most 25 templates: delete one first.',
  45027: 'This template belongs to an industry the account has not chosen.',
  40037: 'No such template.',
  40035: 'That choice is not valid.',
};

/** Runs a command, turning its WeChat refusal into the console's (errcode kept in details). */
async function explained<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError && err.errcode !== undefined && REFUSALS[err.errcode]) {
      throw new DomainError(err.errcode === 40037 ? 'not_found' : 'template_refused', REFUSALS[err.errcode], { errcode: err.errcode });
    }
    throw err;
  }
}

/** The account's page, refused (not hidden) when its type cannot use template messages. */
async function templateAccount(services: Services, session: Parameters<typeof accountInScope>[1], appid: string): Promise<AccountRow> {
  const account = await accountInScope(services, session, appid);
  if (!can(account, 'template')) throw new DomainError('templates_unavailable', 'Template messages are for verified service accounts.');
  return account;
}

/** 模板消息: choose industries, add templates from the library, delete them, see sent messages. */
export function registerTemplateConsoleRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/templates',
    action: 'templates.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const [industries, templates] = await Promise.all([findIndustries(services.db, account.id), listPrivateTemplates(services.db, account.id)]);
      return presentConsoleTemplates(can(account, 'template'), industries, templates, services.clock.nowMs());
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/templates/industry',
    action: 'templates.edit',
    body: industryBody,
    async handler({ session, params, body }) {
      const account = await templateAccount(services, session, params.appid);
      await explained(() => setIndustry(services, account.id, body));
      const [industries, templates] = await Promise.all([findIndustries(services.db, account.id), listPrivateTemplates(services.db, account.id)]);
      return presentConsoleTemplates(true, industries, templates, services.clock.nowMs());
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/templates',
    action: 'templates.edit',
    status: 201,
    body: addBody,
    async handler({ session, params, body }) {
      const account = await templateAccount(services, session, params.appid);
      const row = await explained(() => addTemplate(services, account.id, body));
      return { template_id: row.templateId };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/templates/:templateId',
    action: 'templates.edit',
    async handler({ session, params }) {
      const account = await templateAccount(services, session, params.appid);
      await explained(() => deleteTemplate(services, account.id, params.templateId));
      return { deleted: true };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/template-messages',
    action: 'templates.view',
    query: sentQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const rows = await listTemplateMessages(services.db, account.id, query.limit, query.before ? BigInt(query.before) : undefined);
      const last = rows.at(-1);
      return { messages: rows.map(presentSentTemplate), next_before: rows.length === query.limit && last ? last.msgid.toString() : null };
    },
  });
}
