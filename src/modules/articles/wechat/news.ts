import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { addNewsMaterial } from '../commands/newsMaterialCreator.js';
import { updateNewsMaterial } from '../commands/newsMaterialUpdater.js';
import { uploadNews } from '../commands/uploadNewsCreator.js';
import { ARTICLE_MAX_BODY, NEWS_MAX_BODY, mediaIdArg, objectBody } from './newsCommon.js';

/**
 * Legacy news APIs still in use (reference §9): material/add_news and update_news (permanent
 * news materials, index 0-based) and media/uploadnews (a news for a mass send, kept 3 days).
 * Articles follow the same field rules as drafts.
 */
export function registerNewsApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/material/add_news',
    methods: ['POST'],
    auth: 'token',
    maxBody: NEWS_MAX_BODY,
    async handler(ctx) {
      const body = objectBody(ctx.body);
      const { group } = await addNewsMaterial(ctx.services, { accountId: ctx.account.id, articles: body.articles });
      return { media_id: group.id };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/material/update_news',
    methods: ['POST'],
    auth: 'token',
    maxBody: ARTICLE_MAX_BODY,
    async handler(ctx) {
      const body = objectBody(ctx.body);
      const mediaId = mediaIdArg(body);
      await updateNewsMaterial(ctx.services, { accountId: ctx.account.id, mediaId, index: body.index ?? 0, article: body.articles });
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/media/uploadnews',
    methods: ['POST'],
    auth: 'token',
    maxBody: NEWS_MAX_BODY,
    async handler(ctx) {
      const body = objectBody(ctx.body);
      const { group } = await uploadNews(ctx.services, { accountId: ctx.account.id, articles: body.articles });
      return { type: 'news', media_id: group.id, created_at: Math.floor(group.createdAt.getTime() / 1000) };
    },
  });
}
