import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { checkWebToken, exchangeCode, refreshWebToken, userInfo } from '../commands/webTokens.js';

/**
 * The web authorization APIs under /sns (reference §11). They carry no account access_token:
 * the AppSecret (access_token), the refresh_token, or a web access_token say who is calling.
 */
export function registerSnsApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/sns/oauth2/access_token',
    methods: ['GET', 'POST'],
    auth: 'none',
    handler: ({ query, attribute }) => exchangeCode(services, query, attribute),
  });

  defineApi(app, services, {
    path: '/sns/oauth2/refresh_token',
    methods: ['GET', 'POST'],
    auth: 'none',
    handler: ({ query, attribute }) => refreshWebToken(services, query, attribute),
  });

  defineApi(app, services, {
    path: '/sns/userinfo',
    methods: ['GET', 'POST'],
    auth: 'none',
    handler: ({ query, attribute }) => userInfo(services, query, attribute),
  });

  defineApi(app, services, {
    path: '/sns/auth',
    methods: ['GET', 'POST'],
    auth: 'none',
    async handler({ query, attribute }) {
      await checkWebToken(services, query, attribute);
      return { errcode: 0, errmsg: 'ok' };
    },
  });
}
