import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { requireFollowers } from '../followerGuard.js';
import { updateRemark } from '../commands/remarkUpdater.js';
import { countSubscribers, listSubscriberOpenids } from '../store/audience.js';
import { tagIdsOf } from '../store/tags.js';
import { BATCHGET_MAX, OPENID_PAGE_SIZE } from '../rules/audience.js';
import { presentOpenidPage, presentUserInfo } from './presenters.js';

const OK = { errcode: 0, errmsg: 'ok' };

const batchGetBody = z.object({ user_list: z.unknown().optional() });
const remarkBody = z.object({ openid: z.unknown().optional(), remark: z.string() });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Followers (reference §7): user/get, user/info, user/info/batchget, user/info/updateremark. */
export function registerUserRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/user/get',
    methods: ['GET'],
    auth: 'token',
    async handler({ account, query }) {
      const after = query.next_openid ?? '';
      // next_openid must be an openid of this account (it is the last one of a previous page).
      if (after) await requireFollowers(services.db, account.id, [after], { requireSubscribed: false, foreignErrcode: 40003 });
      const [total, openids] = await Promise.all([
        countSubscribers(services.db, account.id),
        listSubscriberOpenids(services.db, account.id, after, OPENID_PAGE_SIZE),
      ]);
      return { total, ...presentOpenidPage(openids) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/user/info',
    methods: ['GET'],
    auth: 'token',
    async handler({ account, query }) {
      const openid = query.openid;
      if (!openid) throw refusal(41009);
      const found = await requireFollowers(services.db, account.id, [openid], { requireSubscribed: false, foreignErrcode: 40003 });
      const tags = await tagIdsOf(services.db, account.id, [openid]);
      return presentUserInfo(found.get(openid)!, tags.get(openid) ?? []);
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/user/info/batchget',
    methods: ['POST'],
    auth: 'token',
    schema: batchGetBody,
    async handler({ account, body }) {
      const list = body.user_list;
      if (!Array.isArray(list) || list.length === 0 || list.length > BATCHGET_MAX) throw refusal(40032);
      if (!list.every((u) => isRecord(u) && (u.lang === undefined || typeof u.lang === 'string'))) throw refusal(47001);
      const openids = list.map((u) => (u as Record<string, unknown>).openid);
      const found = await requireFollowers(services.db, account.id, openids, { requireSubscribed: false, foreignErrcode: 40003 });
      const tags = await tagIdsOf(services.db, account.id, openids as string[]);
      return {
        user_info_list: (openids as string[]).map((o) => presentUserInfo(found.get(o)!, tags.get(o) ?? [])),
      };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/user/info/updateremark',
    methods: ['POST'],
    auth: 'token',
    schema: remarkBody,
    async handler({ account, body }) {
      await updateRemark(services, account.id, body.openid, body.remark);
      return OK;
    },
  });
}
