import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { findAccountByAppid } from '../accounts/index.js';
import { canIntegrate } from '../accounts/rules/capabilities.js';
import { answerLinkAsMiniProgram } from './commands/linkAnswerer.js';
import { isWeappAppid } from './rules/miniProgram.js';
import { findMiniProgramByAppid, findMiniProgramByUsername, invitationsOf, profileMiniPrograms } from './store.js';
import { presentMiniProgram } from './presenters.js';

const answerBody = z.object({ appid: z.string().max(64), account_appid: z.string().max(64), accept: z.boolean() }).strict();

/**
 * The phone's side: the mini program a renderer opens (by AppID or gh_ username), the link
 * invitations waiting for this user as a mini program's admin (公众平台安全助手) and the answer,
 * and the mini programs a service account shows on its profile.
 */
export function registerMiniProgramPhoneRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/miniprograms/:appid',
    async handler({ params }) {
      const key = String(params.appid ?? '').slice(0, 64);
      const mp = isWeappAppid(key) ? await findMiniProgramByAppid(services.db, key) : /^gh_[0-9a-f]{12}$/.test(key) ? await findMiniProgramByUsername(services.db, key) : undefined;
      if (!mp) throw new DomainError('not_found', 'No mini program has this AppID.');
      const { appid, username, name, icon_url, released_version, pages } = presentMiniProgram(mp);
      return { miniprogram: { appid, username, name, icon_url, released_version, pages } };
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/miniprogram-invitations',
    async handler({ user }) {
      const rows = await invitationsOf(services.db, user.id);
      return {
        invitations: rows.map((r) => ({
          appid: r.mp.appid,
          name: r.mp.name,
          icon_url: r.mp.iconUrl,
          account_appid: r.account.appid,
          account_name: r.account.name,
          show_profile: r.link.showProfile,
          requested_at: r.link.requestedAt.toISOString(),
        })),
      };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/miniprogram-invitations/answer',
    body: answerBody,
    async handler({ user, body }) {
      return answerLinkAsMiniProgram(services, user.id, body, body.accept);
    },
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/miniprograms',
    async handler({ params }) {
      const account = await findAccountByAppid(services.db, String(params.appid ?? '').slice(0, 64));
      if (!account) throw new DomainError('not_found', 'No such account.');
      // Only service accounts show linked mini programs on their profile (the capability table).
      const list = canIntegrate(account, 'profile') ? await profileMiniPrograms(services.db, account.id) : [];
      return { miniprograms: list.map((mp) => ({ appid: mp.appid, name: mp.name, icon_url: mp.iconUrl, home: mp.pages[0] ?? '' })) };
    },
  });
}
