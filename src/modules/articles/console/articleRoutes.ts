import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { ARTICLE_LIMITS } from '../rules/article.js';
import { countNewsGroups, findArticlesOfGroups, findGroupArticles, findNewsGroup, listNewsGroups } from '../store/newsGroups.js';
import { countPublicGroups, listPublicGroups } from '../store/publishedPosts.js';
import { donationTotalsOf, groupPushesOf } from '../ports.js';
import type { AccountRow } from '../../accounts/index.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { presentDraft, presentDraftSummary, presentPublishedGroup } from './articlePresenter.js';
import { deleteDraft } from '../commands/draftDeleter.js';
import { saveDraftGroup } from './draftGroup.js';
import { registerPublishRoutes } from './publishRoutes.js';

/**
 * A push post's body: up to 8 articles of up to 1 MB of content each, so larger than the
 * console's usual JSON limit (these routes get their own parser scope).
 */
const DRAFT_BODY_LIMIT = ARTICLE_LIMITS.articlesPerGroup * ARTICLE_LIMITS.contentBytes + 64 * 1024;

/** The envelope only: each article is checked by the shared rules (domain/article.ts). */
const draftBody = z.object({ articles: z.array(z.unknown()).max(50) });
const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  count: z.coerce.number().int().min(1).max(50).default(20),
});

async function draftOf(services: Services, account: AccountRow, mediaId: string | undefined) {
  const group = await findNewsGroup(services.db, account.id, mediaId ?? '');
  if (!group || group.origin !== 'draft' || group.state === 'deleted') throw new DomainError('not_found', 'No such draft.');
  return { draft: presentDraft(services.config.publicUrl, group, await findGroupArticles(services.db, group.id)) };
}

/**
 * The article editor's API: the draft box (list, read, create, save the whole group, delete),
 * everything made public (published only or pushed) with its reader counts, and (publishRoutes.ts) publishing and previews.
 */
export function registerArticleRoutes(api: FastifyInstance, services: Services): void {
  const publicUrl = services.config.publicUrl;

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/drafts',
    action: 'articles.view',
    query: pageQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const filter = { accountId: account.id, origin: 'draft' as const, states: ['draft' as const] };
      const [groups, total] = await Promise.all([
        listNewsGroups(services.db, { ...filter, offset: query.offset, count: query.count }),
        countNewsGroups(services.db, filter),
      ]);
      const articles = await findArticlesOfGroups(services.db, groups.map((g) => g.id));
      return { total, drafts: groups.map((g) => presentDraftSummary(publicUrl, g, articles.get(g.id) ?? [])) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/drafts/:mediaId',
    action: 'articles.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return draftOf(services, account, params.mediaId);
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/drafts/:mediaId',
    action: 'articles.edit',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await deleteDraft(services, { accountId: account.id, mediaId: params.mediaId ?? '' });
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/published',
    action: 'articles.view',
    query: pageQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const [groups, total] = await Promise.all([
        listPublicGroups(services.db, account.id, query),
        countPublicGroups(services.db, account.id),
      ]);
      const ids = groups.map((g) => g.id);
      const [articles, pushes] = await Promise.all([findArticlesOfGroups(services.db, ids), groupPushesOf().latest(services.db, ids)]);
      const revenueFen = await donationTotalsOf()(services.db, [...articles.values()].flat().map((a) => a.id));
      return { total, items: groups.map((g) => presentPublishedGroup(publicUrl, g, articles.get(g.id) ?? [], { push: pushes.get(g.id), revenueFen })) };
    },
  });

  void api.register(async (large) => {
    large.removeAllContentTypeParsers();
    large.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DRAFT_BODY_LIMIT }, (_req, body, done) => done(null, body));

    consoleRoute(large, services, {
      method: 'POST',
      url: '/accounts/:appid/drafts',
      action: 'articles.edit',
      body: draftBody,
      status: 201,
      async handler({ session, params, body }) {
        const account = await accountInScope(services, session, params.appid);
        const saved = await saveDraftGroup(services, { accountId: account.id, raw: body.articles });
        return { draft: presentDraft(publicUrl, saved.group, saved.articles) };
      },
    });

    consoleRoute(large, services, {
      method: 'PUT',
      url: '/accounts/:appid/drafts/:mediaId',
      action: 'articles.edit',
      body: draftBody,
      async handler({ session, params, body }) {
        const account = await accountInScope(services, session, params.appid);
        const saved = await saveDraftGroup(services, { accountId: account.id, mediaId: params.mediaId ?? '', raw: body.articles });
        return { draft: presentDraft(publicUrl, saved.group, saved.articles) };
      },
    });
  });

  registerPublishRoutes(api, services);
}
