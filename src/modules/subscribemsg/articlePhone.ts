import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { MAX_TAG_TEMPLATES } from '../jssdk/rules/openSubscribe.js';
import { answerArticleSubscribe, articleSubscribeSheet } from './commands/articleSubscribe.js';

const appid = z.string().max(64);
const sheetBody = z.object({ appid, template: z.string().max(2000) }).strict();
const answerBody = z
  .object({
    appid,
    answers: z
      .array(z.object({ template_id: z.string().min(1).max(128), status: z.enum(['accept', 'reject']) }).strict())
      .min(1)
      .max(MAX_TAG_TEMPLATES)
      .refine((a) => new Set(a.map((x) => x.template_id)).size === a.length, 'must name each template once.'),
  })
  .strict();

/**
 * An article's subscribe block in the phone (PopupScene 2): the sheet it opens and the reader's
 * answer. The block's template ids come from the article page the phone shows.
 */
export function registerArticleSubscribeRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/article-subscribe/sheet',
    body: sheetBody,
    async handler({ body }) {
      const sheet = await articleSubscribeSheet(services, body.appid, body.template);
      if (!sheet.ok) return { ok: false, err_code: sheet.errCode, err_msg: sheet.errMsg };
      return { ok: true, account_name: sheet.accountName, templates: sheet.templates.map((t) => ({ template_id: t.templateId, title: t.title, long_term: t.longTerm, keywords: t.keywords })) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/article-subscribe',
    body: answerBody,
    async handler({ user, body }) {
      const recorded = await answerArticleSubscribe(services, user.id, body.appid, body.answers.map((a) => ({ templateId: a.template_id, status: a.status })));
      return { answers: recorded.answers.map((a) => ({ template_id: a.templateId, status: a.status, long_term: a.long_term })) };
    },
  });
}
