import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import { createMiniProgram } from './commands/miniProgramCreator.js';
import { requestLink } from './commands/linkRequester.js';
import { confirmLinkAsAccount } from './commands/linkAnswerer.js';
import { unlinkMiniProgram } from './commands/linkRemover.js';
import { linksOfAccount, listMiniProgramsOfOrg } from './store.js';
import { presentLink, presentMiniProgram } from './presenters.js';

const createBody = z
  .object({
    appid: z.string().max(64).optional(),
    name: z.string().max(200),
    icon_url: z.string().max(2048).optional(),
    admin_user_id: z.string().uuid().nullable().optional(),
    version: z.string().max(64).optional(),
    pages: z.array(z.string().max(2048)).min(1).max(50),
  })
  .strict();
const linkBody = z.object({ appid: z.string().max(64), show_profile: z.boolean().optional(), notify_users: z.boolean().optional() }).strict();
const emptyBody = z.object({}).strict();

/** 小程序管理: the organization's mini programs, and an account's links to them. */
export function registerMiniProgramConsoleRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/miniprograms',
    action: 'miniprograms.view',
    async handler({ session }) {
      return { miniprograms: (await listMiniProgramsOfOrg(services.db, session.org.id)).map(presentMiniProgram) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/miniprograms',
    action: 'miniprograms.edit',
    body: createBody,
    status: 201,
    async handler({ session, body }) {
      const mp = await createMiniProgram(services, {
        orgId: session.org.id,
        appid: body.appid === '' ? undefined : body.appid,
        name: body.name,
        iconUrl: body.icon_url,
        adminUserId: body.admin_user_id ?? null,
        version: body.version,
        pages: body.pages,
      });
      return { miniprogram: presentMiniProgram(mp) };
    },
  });

  const links = async (accountId: string) => ({ links: (await linksOfAccount(services.db, accountId)).map(presentLink) });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/miniprogram-links',
    action: 'miniprograms.view',
    async handler({ session, params }) {
      return links((await accountInScope(services, session, params.appid)).id);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/miniprogram-links',
    action: 'miniprograms.link',
    body: linkBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await requestLink(services, account, { appid: body.appid, show_profile: body.show_profile ? 1 : 0, notify_users: body.notify_users ? 1 : 0 }, 'console');
      return links(account.id);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/miniprogram-links/:mp/confirm',
    action: 'miniprograms.link',
    body: emptyBody,
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await confirmLinkAsAccount(services, account, params.mp);
      return links(account.id);
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/miniprogram-links/:mp',
    action: 'miniprograms.link',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await unlinkMiniProgram(services, account, params.mp);
      return links(account.id);
    },
  });
}
