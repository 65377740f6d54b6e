import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { findFollowerUser } from '../followers/index.js';
import { answerConsent, startAuthorization, type AuthorizeOutcome } from './commands/authorizer.js';
import { ERROR_TEXT } from './wechat/pageText.js';
import { AUTHORIZE_PATH } from './wechat/authorize.js';

const openBody = z.object({
  url: z.string().min(1).max(8192),
  /** Where the follower opened it: the account's chat or menu makes snsapi_userinfo silent for followers. */
  from: z.enum(['chat', 'menu', 'other']).default('other'),
});

const consentBody = z.object({
  consent: z.string().min(1).max(4096),
  answer: z.enum(['allow', 'deny']),
});

async function userOf(services: Services, id: string) {
  const user = await findFollowerUser(services.db, id);
  if (!user) throw new DomainError('not_found', 'User not found.');
  return user;
}

/** The simulator's view of an outcome: where the page went, the consent sheet, or the error page. */
function present(outcome: AuthorizeOutcome) {
  switch (outcome.kind) {
    case 'redirect':
      return { outcome: 'redirect', location: outcome.location, code: outcome.code ?? null, state: outcome.state };
    case 'consent':
      return { outcome: 'consent', consent: outcome.ticket, appid: outcome.account.appid, account_name: outcome.account.name, scope: outcome.request.scope };
    case 'error':
      return { outcome: 'error', errcode: outcome.errcode, message: ERROR_TEXT[outcome.errcode]['zh-CN'] };
    case 'signin':
      return { outcome: 'signin' };
  }
}

/**
 * What the phone does with a web page that asks for authorization: open an authorize URL as a
 * follower (Herald's own `/connect/oauth2/authorize` or WeChat's open.weixin.qq.com address) and
 * answer the consent sheet.
 */
export function registerWebauthSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/web/open',
    body: openBody,
    async handler({ params, body }) {
      const user = await userOf(services, params.id);
      let url: URL;
      try {
        url = new URL(body.url, services.config.publicUrl);
      } catch {
        throw new DomainError('invalid_url', 'url must be an absolute http(s) URL.', { at: 'url' });
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== AUTHORIZE_PATH) {
        throw new DomainError('not_authorize_url', `Only ${AUTHORIZE_PATH} URLs open here.`, { at: 'url' });
      }
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
      const outcome = await startAuthorization(services, query, user.id, body.from);
      // WeChat requires the fragment on every authorize URL; the simulator, which sees it, says so.
      return { ...present(outcome), wechat_redirect: url.hash === '#wechat_redirect' };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/web/consent',
    body: consentBody,
    async handler({ params, body }) {
      const user = await userOf(services, params.id);
      const outcome = await answerConsent(services, body.consent, user.id, body.answer === 'allow');
      if (!outcome) throw new DomainError('consent_expired', 'This consent sheet has expired or is not this user\'s.', { at: 'consent' });
      return present(outcome);
    },
  });
}
