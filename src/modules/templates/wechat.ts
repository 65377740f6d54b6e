import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { refusal } from '../../protocol/errcodes.js';
import { setIndustry } from './commands/industrySetter.js';
import { addTemplate } from './commands/templateAdder.js';
import { deleteTemplate } from './commands/templateDeleter.js';
import { sendTemplateMessage } from './commands/templateSender.js';
import { findIndustries, listPrivateTemplates } from './store.js';
import { presentIndustries, presentPrivateTemplate } from './presenters.js';

/** Bodies are small JSON documents; a send's data has a few short values. */
const MAX_BODY = 64 * 1024;

const objectBody = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refusal(47001);
  return body as Record<string, unknown>;
};

/**
 * Template messages (reference §6; commerce §5): industries, the account's templates from the
 * library, and message/template/send. Verified service accounts only (the capability table's
 * `template` row answers 48001 for others).
 */
export function registerTemplateApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/template/api_set_industry',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler({ account, body }) {
      await setIndustry(services, account.id, objectBody(body));
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/template/get_industry',
    methods: ['GET'],
    auth: 'token',
    async handler({ account }) {
      return presentIndustries(await findIndustries(services.db, account.id));
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/template/api_add_template',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler({ account, body }) {
      const row = await addTemplate(services, account.id, objectBody(body));
      return { errcode: 0, errmsg: 'ok', template_id: row.templateId };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/template/get_all_private_template',
    methods: ['GET'],
    auth: 'token',
    async handler({ account }) {
      return { template_list: (await listPrivateTemplates(services.db, account.id)).map(presentPrivateTemplate) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/template/del_private_template',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler({ account, body }) {
      await deleteTemplate(services, account.id, objectBody(body).template_id);
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/message/template/send',
    methods: ['POST'],
    auth: 'token',
    maxBody: MAX_BODY,
    async handler({ account, body }) {
      const sent = await sendTemplateMessage(services, account, objectBody(body));
      return { errcode: 0, errmsg: 'ok', msgid: sent.msgid };
    },
  });
}
