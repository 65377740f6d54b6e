import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { submitPublish } from '../commands/publishSubmitter.js';
import { deletePublishedArticle } from '../commands/publishedArticleDeleter.js';
import { findGroupArticles, findNewsGroup, findNewsGroupByArticleId, type NewsGroupFilter } from '../store/newsGroups.js';
import { findPublishJob } from '../store/publishJobs.js';
import { articleUrlFor } from '../rules/articleUrl.js';
import { presentNewsItems } from './presenters.js';
import { SMALL_BODY, batchgetGroups, intArg, mediaIdArg, objectBody } from './newsCommon.js';

/** Published groups still readable (at least one article not deleted), for freepublish/batchget. */
const publishedOf = (accountId: string): NewsGroupFilter => ({ accountId, published: true, live: true });

/** An article_id argument: 53600 when missing or not a string. */
function articleIdArg(body: Record<string, unknown>): string {
  const id = body.article_id;
  if (typeof id !== 'string' || id === '') throw refusal(53600);
  return id;
}

/**
 * Publishing (reference §9): freepublish/submit queues a draft (the result comes as
 * PUBLISHJOBFINISH and from freepublish/get), getarticle and batchget read what was published,
 * delete removes published articles (index 1-based, 0 or omitted for all).
 */
export function registerFreepublishApis(app: FastifyInstance, services: Services): void {
  const baseUrl = services.config.publicUrl;

  defineApi(app, services, {
    path: '/cgi-bin/freepublish/submit',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      const mediaId = mediaIdArg(objectBody(ctx.body));
      const { publishId, msgDataId } = await submitPublish(ctx.services, { accountId: ctx.account.id, mediaId });
      return { errcode: 0, errmsg: 'ok', publish_id: String(publishId), msg_data_id: msgDataId };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/freepublish/get',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      const id = intArg(objectBody(ctx.body).publish_id);
      const job = typeof id === 'number' ? await findPublishJob(ctx.services.db, ctx.account.id, id) : undefined;
      if (!job) throw refusal(53502);
      const out: Record<string, unknown> = { publish_id: String(job.id), publish_status: job.status };
      if (job.articleId) {
        const group = await findNewsGroup(ctx.services.db, ctx.account.id, job.groupId);
        const articles = group ? await findGroupArticles(ctx.services.db, group.id) : [];
        out.article_id = job.articleId;
        out.article_detail = {
          count: articles.length,
          item: articles.map((a) => ({ idx: a.idx + 1, article_url: articleUrlFor(baseUrl, a.id) })),
        };
      }
      out.fail_idx = job.failIdx;
      return out;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/freepublish/delete',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      const body = objectBody(ctx.body);
      const articleId = articleIdArg(body);
      await deletePublishedArticle(ctx.services, { accountId: ctx.account.id, articleId, index: body.index });
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/freepublish/getarticle',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      const group = await findNewsGroupByArticleId(ctx.services.db, ctx.account.id, articleIdArg(objectBody(ctx.body)));
      if (!group) throw refusal(53600);
      return { news_item: presentNewsItems(await findGroupArticles(ctx.services.db, group.id), { baseUrl, withDeleted: true }) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/freepublish/batchget',
    methods: ['POST'],
    auth: 'token',
    maxBody: SMALL_BODY,
    async handler(ctx) {
      return batchgetGroups(ctx.services.db, publishedOf(ctx.account.id), ctx.body, (g, articles, withContent) => ({
        article_id: g.articleId,
        content: { news_item: presentNewsItems(articles, { baseUrl, withContent, withDeleted: true }) },
      }));
    },
  });
}
