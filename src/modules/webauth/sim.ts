import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simAccount as accountOf, simRoute } from '../../surfaces/sim/kit.js';
import { findFollowerUser } from '../followers/index.js';
import { DOMAIN_KINDS, type DomainKind } from './rules/domains.js';
import { setDomains, setStrictRules } from './commands/domainSetter.js';
import { webSettingsOf } from './commands/webSettings.js';
import { listDomains } from './store.js';
import { presentWebDomains } from './console/presenters.js';
import { answerConsent, startAuthorization, type AuthorizeOutcome } from './commands/authorizer.js';
import { ERROR_TEXT } from './wechat/pageText.js';
import { AUTHORIZE_PATH } from './wechat/authorize.js';

const openBody = z.object({
  url: z.string().min(1).max(8192),
  /**
   * Where the follower opened it: the account's chat or menu makes snsapi_userinfo silent for
   * followers; Moments opens it in snapshot-page mode for non-followers.
   */
  from: z.enum(['chat', 'menu', 'moments', 'other']).default('other'),
});

const consentBody = z.object({
  consent: z.string().min(1).max(4096),
  answer: z.enum(['allow', 'deny']),
});

const domainsBody = z.object({
  domains: z.array(z.string().max(300)).max(10),
  /** The simulator skips the MP_verify check unless asked for it. */
  verify: z.boolean().default(false),
  /** The simulator's saves do not count against the month's 3 edits unless asked to. */
  count_edit: z.boolean().default(false),
});
const strictBody = z.object({ strict: z.boolean() });

async function domainsView(services: Services, appid: string) {
  const account = await accountOf(services, appid);
  const settings = await webSettingsOf(services, account.id);
  return presentWebDomains(account, settings, await listDomains(services.db, account.id), services.config.mode);
}

async function userOf(services: Services, id: string) {
  const user = await findFollowerUser(services.db, id);
  if (!user) throw new DomainError('not_found', 'User not found.');
  return user;
}

/** The simulator's view of an outcome: where the page went, the consent sheet, or the error page. */
function present(outcome: AuthorizeOutcome) {
  switch (outcome.kind) {
    case 'redirect':
      return {
        outcome: 'redirect',
        location: outcome.location,
        code: outcome.code ?? null,
        state: outcome.state,
        snapshot: outcome.snapshot === true,
        // The snapshot page's "使用完整服务" button: open this to get the consent sheet.
        ...(outcome.fullService ? { full_service_url: `${AUTHORIZE_PATH}?${outcome.fullService}` } : {}),
      };
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
    method: 'GET',
    url: '/accounts/:appid/web-domains',
    handler: ({ params }) => domainsView(services, params.appid),
  });

  simRoute(app, services, {
    method: 'PUT',
    url: '/accounts/:appid/web-domains/:kind',
    body: domainsBody,
    async handler({ params, body }) {
      if (!(DOMAIN_KINDS as readonly string[]).includes(params.kind)) throw new DomainError('not_found', 'kind is oauth, jsapi or business.');
      const account = await accountOf(services, params.appid);
      await setDomains(services, account, params.kind as DomainKind, body.domains, { skipVerification: !body.verify, countEdits: body.count_edit });
      return domainsView(services, params.appid);
    },
  });

  simRoute(app, services, {
    method: 'PUT',
    url: '/accounts/:appid/web-settings',
    body: strictBody,
    async handler({ params, body }) {
      await setStrictRules(services, await accountOf(services, params.appid), body.strict);
      return domainsView(services, params.appid);
    },
  });

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
      const outcome = await startAuthorization(services, query, user, body.from);
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
