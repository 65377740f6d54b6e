import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { findAccountByAppid, type AccountRow } from '../accounts/index.js';
import { findFollow, findFollowerUser } from '../followers/index.js';
import { recordConsent, recordLegacyConsent, withdrawConsent, MAX_POPUP_TEMPLATES } from './commands/consentRecorder.js';
import { legacyRedirect } from './rules/legacyPage.js';
import { listConsents, listUserSubscribeMessages } from './store.js';
import { presentConsent, presentNotification } from './userPresenters.js';

const accountRef = z.string().min(1).max(64);
const templateId = z.string().min(1).max(128);

const consentBody = z.object({
  account: accountRef,
  /** 1: an H5 page's wx-open-subscribe; 2: an article's subscribe block. */
  scene: z.union([z.literal(1), z.literal(2)]).default(1),
  answers: z.array(z.object({ template_id: templateId, status: z.enum(['accept', 'reject']) }).strict()).min(1).max(MAX_POPUP_TEMPLATES),
}).strict();

const withdrawBody = z.object({ account: accountRef, template_ids: z.array(templateId).min(1).max(MAX_POPUP_TEMPLATES) }).strict();

const legacyBody = z.object({
  account: accountRef,
  template_id: templateId,
  scene: z.number().int().min(0).max(10_000),
  action: z.enum(['confirm', 'cancel']),
  redirect_url: z.string().max(1024).optional(),
  reserved: z.string().max(128).optional(),
}).strict();

const accountQuery = z.object({ account: accountRef });
const notificationsQuery = z.object({
  account: accountRef.optional(),
  place: z.enum(['chat', 'service']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

async function accountOf(services: Services, appid: string): Promise<AccountRow> {
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  return account;
}

async function userOf(services: Services, id: string): Promise<string> {
  if (!/^[0-9a-f-]{36}$/i.test(id) || !(await findFollowerUser(services.db, id))) throw new DomainError('not_found', 'User not found.');
  return id;
}

/**
 * The simulator's side of subscribe notifications: a WeChat user answers a consent popup (what
 * the H5 open tag and an article's subscribe block do), turns templates off in 服务通知, answers
 * the legacy one-time subscribe page, and reads what they received.
 */
export function registerSubscribeSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/subscriptions',
    body: consentBody,
    async handler({ params, body }) {
      const userId = await userOf(services, params.id);
      const account = await accountOf(services, body.account);
      const answers = body.answers.map((a) => ({ templateId: a.template_id, status: a.status }));
      const recorded = await recordConsent(services, account, userId, { scene: body.scene, answers });
      return { openid: recorded.openid, answers: recorded.answers.map((a) => ({ template_id: a.templateId, status: a.status, long_term: a.long_term })) };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/subscriptions/withdraw',
    body: withdrawBody,
    async handler({ params, body }) {
      const userId = await userOf(services, params.id);
      return withdrawConsent(services, await accountOf(services, body.account), userId, body.template_ids);
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/users/:id/subscriptions',
    query: accountQuery,
    async handler({ params, query }) {
      const userId = await userOf(services, params.id);
      const account = await accountOf(services, query.account);
      const follow = await findFollow(services.db, account.id, userId);
      return { consents: follow ? (await listConsents(services.db, account.id, follow.openid)).map(presentConsent) : [] };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/subscribemsg',
    body: legacyBody,
    async handler({ params, body }) {
      const userId = await userOf(services, params.id);
      const account = await accountOf(services, body.account);
      const { openid } = await recordLegacyConsent(services, account, userId, body.template_id, body.action);
      const location = body.redirect_url
        ? legacyRedirect(body.redirect_url, { openid, templateId: body.template_id, action: body.action, scene: body.scene, reserved: body.reserved ?? '' })
        : null;
      return { openid, location };
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/users/:id/notifications',
    query: notificationsQuery,
    async handler({ params, query }) {
      const userId = await userOf(services, params.id);
      const accountId = query.account ? (await accountOf(services, query.account)).id : undefined;
      const rows = await listUserSubscribeMessages(services.db, userId, { limit: query.limit, place: query.place, accountId });
      return { notifications: rows.map(presentNotification) };
    },
  });
}
