import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { requestLink } from './commands/linkRequester.js';
import { requestUnlink } from './commands/linkRemover.js';
import { linksOfAccount } from './store.js';
import { presentWxopenItem } from './presenters.js';

const body = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {});

/**
 * Mini program links (commerce §1.3): wxamplinkget lists every link in every state, wxamplink
 * asks for one (status 12 until the account's admin agrees in the console), wxampunlink asks to
 * unlink (the account's admin confirms).
 */
export function registerWxopenRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/wxopen/wxamplinkget',
    methods: ['POST'],
    auth: 'token',
    body: 'optional-json',
    async handler({ account }) {
      const links = await linksOfAccount(services.db, account.id);
      return { errcode: 0, errmsg: 'ok', wxopens: { items: links.map((l) => presentWxopenItem(l, services.config.publicUrl)) } };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/wxopen/wxamplink',
    methods: ['POST'],
    auth: 'token',
    async handler({ account, body: raw }) {
      const b = body(raw);
      await requestLink(services, account, { appid: b.appid, notify_users: b.notify_users, show_profile: b.show_profile }, 'api');
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/wxopen/wxampunlink',
    methods: ['POST'],
    auth: 'token',
    async handler({ account, body: raw }) {
      await requestUnlink(services, account, body(raw).appid);
      return { errcode: 0, errmsg: 'ok' };
    },
  });
}
