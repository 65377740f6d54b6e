import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { simAccount, simRoute } from '../../surfaces/sim/kit.js';
import { createMiniProgram } from './commands/miniProgramCreator.js';
import { answerLinkAsMiniProgram } from './commands/linkAnswerer.js';
import { findMiniProgramByAppid } from './store.js';
import { presentMiniProgram } from './presenters.js';
import { DomainError } from '../../platform/errors.js';

const createBody = z
  .object({
    owner_appid: z.string().max(64),
    appid: z.string().max(64).optional(),
    name: z.string().max(200),
    icon_url: z.string().max(2048).optional(),
    admin_user_id: z.string().uuid().optional(),
    version: z.string().max(64).optional(),
    pages: z.array(z.string().max(2048)).min(1).max(50),
  })
  .strict();
const answerBody = z.object({ account_appid: z.string().max(64), accept: z.boolean() }).strict();

/**
 * The simulator registers mini program stubs (owned by the organization of `owner_appid`) and
 * answers link invitations as the mini program's admin.
 */
export function registerMiniProgramSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/miniprograms',
    body: createBody,
    async handler({ body }) {
      const owner = await simAccount(services, body.owner_appid);
      const mp = await createMiniProgram(services, {
        orgId: owner.orgId,
        appid: body.appid,
        name: body.name,
        iconUrl: body.icon_url,
        adminUserId: body.admin_user_id ?? null,
        version: body.version,
        pages: body.pages,
      });
      return { miniprogram: presentMiniProgram(mp) };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/miniprograms/:appid/answer',
    body: answerBody,
    async handler({ params, body }) {
      const mp = await findMiniProgramByAppid(services.db, String(params.appid).slice(0, 64));
      if (!mp?.adminUserId) throw new DomainError('not_found', 'No mini program with an admin has this AppID.');
      return answerLinkAsMiniProgram(services, mp.adminUserId, { appid: mp.appid, account_appid: body.account_appid }, body.accept);
    },
  });
}
