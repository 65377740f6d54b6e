import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { publishMenu } from '../commands/menuPublisher.js';
import { removeAllMenus } from '../commands/menuRemover.js';
import { addConditionalMenu } from '../commands/conditionalMenuAdder.js';
import { removeConditionalMenu } from '../commands/conditionalMenuRemover.js';
import { getCurrentMenu, matchMenuFor } from '../store.js';
import { findFollowers } from '../../followers/index.js';
import { looksLikeOpenid } from '../../followers/rules/audience.js';
import { newsArticleIds, presentMenuGet, presentSelfMenu, presentTryMatch, type NewsInfoItem } from './presenters.js';
import { publishedArticleCard } from '../../messaging/index.js';

const OK = { errcode: 0, errmsg: 'ok' };

/** Button trees are checked by domain/menu.ts, which answers WeChat's errcodes; here only the envelope. */
const menuBody = z.object({ button: z.unknown().optional(), matchrule: z.unknown().optional() });
const delConditionalBody = z.object({ menuid: z.unknown().optional() });
const tryMatchBody = z.object({ user_id: z.unknown().optional() });

/** Custom menu APIs (reference §5). */
export function registerMenuRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/menu/create',
    methods: ['POST'],
    auth: 'token',
    schema: menuBody,
    async handler({ account, body }) {
      await publishMenu(services, account.id, body.button);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/menu/get',
    methods: ['GET'],
    auth: 'token',
    async handler({ account }) {
      const current = await getCurrentMenu(services.db, account.id);
      if (!current) throw refusal(46003);
      return presentMenuGet(current);
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/menu/delete',
    methods: ['GET', 'POST'],
    auth: 'token',
    async handler({ account }) {
      await removeAllMenus(services, account.id);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/get_current_selfmenu_info',
    methods: ['GET', 'POST'],
    auth: 'token',
    async handler({ account }) {
      const current = await getCurrentMenu(services.db, account.id);
      const news = new Map<string, NewsInfoItem>();
      for (const id of current ? newsArticleIds(current.default.buttons) : []) {
        const card = await publishedArticleCard(services.db, services.config.publicUrl, account.id, id);
        if (card) {
          news.set(id, {
            title: card.title, author: card.author, digest: card.description, show_cover: card.showCover,
            cover_url: card.picurl, content_url: card.url, source_url: card.sourceUrl,
          });
        }
      }
      return presentSelfMenu(current, news);
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/menu/addconditional',
    methods: ['POST'],
    auth: 'token',
    schema: menuBody,
    async handler({ account, body }) {
      const menu = await addConditionalMenu(services, account.id, body);
      return { menuid: menu.menuid };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/menu/delconditional',
    methods: ['POST'],
    auth: 'token',
    schema: delConditionalBody,
    async handler({ account, body }) {
      await removeConditionalMenu(services, account.id, body.menuid);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/menu/trymatch',
    methods: ['POST'],
    auth: 'token',
    schema: tryMatchBody,
    async handler({ account, body }) {
      // Herald's followers have no WeChat id, so user_id is an openid of this account.
      const userId = body.user_id;
      const [follower] = looksLikeOpenid(userId) ? await findFollowers(services.db, [userId]) : [];
      if (!follower || follower.accountId !== account.id || !follower.subscribed) throw refusal(65302);
      const matched = await matchMenuFor(services.db, account.id, follower.openid);
      if (!matched) throw refusal(46003);
      return presentTryMatch(matched.buttons);
    },
  });
}
