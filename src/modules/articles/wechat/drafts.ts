import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { createDraft } from '../commands/draftCreator.js';
import { updateDraft } from '../commands/draftUpdater.js';
import { deleteDraft } from '../commands/draftDeleter.js';
import { countNewsGroups, findGroupArticles, findNewsGroup, type NewsGroupFilter } from '../store/newsGroups.js';
import { presentNewsItems } from './presenters.js';
import { ARTICLE_MAX_BODY, NEWS_MAX_BODY, SMALL_BODY, batchgetGroups, mediaIdArg, objectBody } from './newsCommon.js';

/** The draft box: the account's drafts not yet published or mass-sent. */
const inBox = (accountId: string): NewsGroupFilter => ({ accountId, origin: 'draft', states: ['draft'] });

/**
 * Drafts (reference §9): draft/add, get, update (index 0-based), delete, count and batchget.
 * A draft that was published or mass-sent leaves the draft box.
 */
export function registerDraftApis(app: FastifyInstance, services: Services): void {
  const baseUrl = services.config.publicUrl;

  defineApi(app, services, {
    path: '/cgi-bin/draft/add',
    methods: ['POST'],
    auth: 'token',
    maxBody: NEWS_MAX_BODY,
    async handler(ctx) {
      const body = objectBody(ctx.body);
      const { group } = await createDraft(ctx.services, { accountId: ctx.account.id, articles: body.articles });
      return { media_id: group.id };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/draft/get',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      const id = mediaIdArg(objectBody(ctx.body));
      const group = await findNewsGroup(ctx.services.db, ctx.account.id, id);
      if (!group || group.origin !== 'draft' || group.state !== 'draft') throw refusal(40007);
      return { news_item: presentNewsItems(await findGroupArticles(ctx.services.db, group.id), { baseUrl }) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/draft/update',
    methods: ['POST'],
    auth: 'token',
    maxBody: ARTICLE_MAX_BODY,
    async handler(ctx) {
      const body = objectBody(ctx.body);
      const mediaId = mediaIdArg(body);
      await updateDraft(ctx.services, { accountId: ctx.account.id, mediaId, index: body.index ?? 0, article: body.articles });
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/draft/delete',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      const mediaId = mediaIdArg(objectBody(ctx.body));
      await deleteDraft(ctx.services, { accountId: ctx.account.id, mediaId });
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/draft/count',
    methods: ['GET'],
    auth: 'token',
    async handler(ctx) {
      return { total_count: await countNewsGroups(ctx.services.db, inBox(ctx.account.id)) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/draft/batchget',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      return batchgetGroups(ctx.services.db, inBox(ctx.account.id), ctx.body, (g, articles, withContent) => ({
        media_id: g.id,
        content: { news_item: presentNewsItems(articles, { baseUrl, withContent }) },
      }));
    },
  });
}
