import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { findFollowerUser } from '../followers/index.js';
import { verifyConfig } from './commands/configVerifier.js';
import { configBody } from './phone.js';

/**
 * What the phone's in-app browser does with a page's wx.config, without a browser: a test posts
 * the config its server signed and the page URL, and gets WeChat's answer (`config:ok`,
 * `config:fail,invalid signature`, `config:fail,invalid url domain`), recorded as the phone's.
 */
export function registerJssdkSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/jssdk/config',
    body: configBody,
    async handler({ params, body }) {
      const user = await findFollowerUser(services.db, params.id);
      if (!user) throw new DomainError('not_found', 'User not found.');
      const urls = [body.url, ...(body.shown_at && body.shown_at !== body.url ? [body.shown_at] : [])];
      const v = await verifyConfig(services, user.id, body.config, urls);
      return { ok: v.ok, err_msg: v.errMsg, js_api_list: v.jsApiList, open_tag_list: v.openTagList, can_share: v.canShare };
    },
  });
}
