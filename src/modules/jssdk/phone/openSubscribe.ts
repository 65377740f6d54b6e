import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { phoneRoute } from '../../../surfaces/phone/kit.js';
import { MAX_PAGE_URL } from '../../webauth/rules/browse.js';
import { answerSubscribeSheet, subscribeSheetFor } from '../commands/subscribeAsker.js';
import { MAX_TAG_TEMPLATES } from '../rules/openSubscribe.js';

const appid = z.string().max(64);
const sheetBody = z.object({ appid, template: z.string().max(2000) });
const answerBody = z.object({
  appid,
  url: z.string().max(MAX_PAGE_URL).default(''),
  answers: z
    .array(z.object({ template_id: z.string().min(1).max(128), status: z.enum(['accept', 'reject']) }).strict())
    .min(1)
    .max(MAX_TAG_TEMPLATES)
    .refine((a) => new Set(a.map((x) => x.template_id)).size === a.length, 'must name each template once.'),
});

/**
 * `<wx-open-subscribe>` as the phone runs it: the sheet's templates (or the tag's error event),
 * then the follower's answer, recorded as consents of the page's account.
 */
export function registerOpenSubscribeRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/subscribe/sheet',
    body: sheetBody,
    async handler({ user, body }) {
      const sheet = await subscribeSheetFor(services, user.id, body.appid, body.template);
      if (!sheet.ok) return { ok: false, err_code: sheet.errCode, err_msg: sheet.errMsg };
      return { ok: true, account_name: sheet.accountName, templates: sheet.templates.map((t) => ({ template_id: t.templateId, title: t.title, long_term: t.longTerm, keywords: t.keywords })) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/subscribe',
    body: answerBody,
    async handler({ user, body }) {
      await answerSubscribeSheet(services, user.id, {
        appid: body.appid,
        url: body.url,
        answers: body.answers.map((a) => ({ templateId: a.template_id, status: a.status })),
      });
      return { recorded: true };
    },
  });
}
