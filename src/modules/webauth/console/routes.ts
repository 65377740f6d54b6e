import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { DomainError } from '../../../platform/errors.js';
import { DOMAIN_KINDS, type DomainKind } from '../rules/domains.js';
import { setDomains, setStrictRules } from '../commands/domainSetter.js';
import { webSettingsOf } from '../commands/webSettings.js';
import { listDomains, listGrants } from '../store.js';
import { presentGrant, presentWebDomains } from './presenters.js';

const domainsBody = z
  .object({
    domains: z.array(z.string().max(300)).max(10),
    skip_verification: z.boolean().optional(),
  })
  .strict();
const strictBody = z.object({ strict: z.boolean() }).strict();
const grantsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
const kindParam = z.enum(DOMAIN_KINDS as [DomainKind, ...DomainKind[]]);

/** The web domains page and the list of OAuth grants. */
export function registerWebauthConsoleRoutes(api: FastifyInstance, services: Services): void {
  const view = async (appid: string, session: Parameters<typeof accountInScope>[1]) => {
    const account = await accountInScope(services, session, appid);
    const settings = await webSettingsOf(services, account.id);
    return { web: presentWebDomains(account, settings, await listDomains(services.db, account.id), services.config.mode) };
  };

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/web-domains',
    action: 'webdomains.view',
    handler: ({ session, params }) => view(params.appid, session),
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/web-domains/:kind',
    action: 'webdomains.edit',
    body: domainsBody,
    async handler({ session, params, body }) {
      const kind = kindParam.safeParse(params.kind);
      const account = await accountInScope(services, session, params.appid);
      if (!kind.success) throw new DomainError('not_found', 'Unknown kind of domain.');
      await setDomains(services, account, kind.data, body.domains, { skipVerification: body.skip_verification });
      return view(params.appid, session);
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/web-settings',
    action: 'webdomains.edit',
    body: strictBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await setStrictRules(services, account, body.strict);
      return view(params.appid, session);
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/web-grants',
    action: 'webgrants.view',
    query: grantsQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const rows = await listGrants(services.db, account.id, query.limit, query.before);
      return { grants: rows.map(presentGrant) };
    },
  });
}
