import { LONE_SURROGATE } from '../../platform/text.js';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { refusal } from '../../protocol/errcodes.js';
import { addSubscribeTemplate, refusalOf } from './commands/subscribeTemplateAdder.js';
import { deleteSubscribeTemplateOf } from './commands/subscribeTemplateDeleter.js';
import { accountCategories } from './commands/categorySetter.js';
import { sendLegacySubscribeMessage, sendSubscribeNotification } from './commands/notificationSender.js';
import { formBody, parseTid, parseTitlesQuery } from './rules/requests.js';
import { listSubscribeTemplates } from './store.js';
import { presentCategories, presentKeywords, presentSubscribeTemplate, presentTitles } from './presenters.js';

/** Bodies are small JSON documents; a send's data has a few short values. */
const MAX_BODY = 64 * 1024;

const objectBody = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refusal(47001);
  return body as Record<string, unknown>;
};


/**
 * addtemplate's body: JSON, or the form the mini-program documentation recommends
 * (`tid=401&kidList=1&kidList=2&sceneDesc=…`). 44002 empty, 47001 neither, 40033 for text
 * PostgreSQL cannot store (NUL, lone surrogates), as the kit answers JSON bodies.
 */
function addTemplateBody(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8').trim();
  if (text.length === 0) throw refusal(44002);
  let body: unknown;
  if (text.startsWith('{')) {
    try {
      body = JSON.parse(text);
    } catch {
      throw refusal(47001);
    }
  } else {
    try {
      body = formBody(text);
    } catch {
      throw refusal(47001);
    }
    if (body === undefined) throw refusal(47001);
  }
  const obj = objectBody(body);
  for (const v of Object.values(obj)) if (typeof v === 'string' && (v.includes('\u0000') || LONE_SURROGATE.test(v))) throw refusal(40033);
  return obj;
}

/**
 * Subscribe notifications (订阅通知, reference §6; commerce §5.4): the public template library,
 * the account's templates, message/subscribe/bizsend and the legacy message/template/subscribe.
 * Verified service accounts only (the capability table's `template` row answers 48001 for others).
 */
export function registerSubscribeApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/wxaapi/newtmpl/getcategory',
    methods: ['GET'],
    auth: 'token',
    handler: async ({ account }) => presentCategories(await accountCategories(services.db, account.id)),
  });

  defineApi(app, services, {
    path: '/wxaapi/newtmpl/getpubtemplatetitles',
    methods: ['GET'],
    auth: 'token',
    async handler({ account, query }) {
      const q = parseTitlesQuery(query);
      if (!q.ok) throw refusalOf(q);
      // Only the account's service categories list templates.
      const mine = await accountCategories(services.db, account.id);
      return presentTitles({ ...q.value, categoryIds: q.value.categoryIds.filter((id) => mine.includes(id)) });
    },
  });

  defineApi(app, services, {
    path: '/wxaapi/newtmpl/getpubtemplatekeywords',
    methods: ['GET'],
    auth: 'token',
    async handler({ query }) {
      const t = parseTid(query.tid);
      if (!t.ok) throw refusalOf(t);
      return presentKeywords(t.value);
    },
  });

  defineApi(app, services, {
    path: '/wxaapi/newtmpl/addtemplate',
    methods: ['POST'],
    auth: 'token',
    body: 'raw',
    maxBody: 4096,
    async handler({ account, rawBody }) {
      const row = await addSubscribeTemplate(services, account.id, addTemplateBody(rawBody));
      return { errcode: 0, errmsg: 'ok', priTmplId: row.priTmplId };
    },
  });

  defineApi(app, services, {
    path: '/wxaapi/newtmpl/gettemplate',
    methods: ['GET'],
    auth: 'token',
    async handler({ account }) {
      return { errcode: 0, errmsg: 'ok', data: (await listSubscribeTemplates(services.db, account.id)).map(presentSubscribeTemplate) };
    },
  });

  defineApi(app, services, {
    path: '/wxaapi/newtmpl/deltemplate',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler({ account, body }) {
      await deleteSubscribeTemplateOf(services, account.id, objectBody(body).priTmplId);
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/message/subscribe/bizsend',
    methods: ['POST'],
    auth: 'token',
    maxBody: MAX_BODY,
    async handler({ account, body }) {
      const sent = await sendSubscribeNotification(services, account, objectBody(body));
      return { errcode: 0, errmsg: 'ok', msgid: sent.msgid };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/message/template/subscribe',
    methods: ['POST'],
    auth: 'token',
    maxBody: MAX_BODY,
    async handler({ account, body }) {
      await sendLegacySubscribeMessage(services, account, objectBody(body));
      return { errcode: 0, errmsg: 'ok' };
    },
  });
}
