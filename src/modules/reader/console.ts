import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../surfaces/console/kit.js';
import { ARTICLE_ID_RE } from '../articles/rules/article.js';
import { REPLY_MAX_CHARS } from './rules.js';
import { findCommentDefaults, listAccountComments, listBlocks, listCommentedArticles } from './store/commentModeration.js';
import { switchArticleComments } from './commands/articleCommentsSwitch.js';
import { electComment } from './commands/commentElector.js';
import { pinComment } from './commands/commentPinner.js';
import { removeComment } from './commands/commentRemover.js';
import { deleteCommentReply, editCommentReply, replyToComment } from './commands/commentReplier.js';
import { blockCommenter, unblockCommenter } from './commands/commenterBlocker.js';
import { setCommentDefaults } from './commands/commentDefaults.js';
import { findComment } from './store/articleComments.js';
import { presentBlockedReader, presentCommentDefaults, presentCommentedArticle, presentManagedComment } from './consolePresenter.js';

const LIST_MAX = 100;

const listQuery = z.object({
  article: z.string().regex(ARTICLE_ID_RE, 'is not an article id.').optional(),
  filter: z.enum(['all', 'featured', 'normal']).default('all'),
  q: cleanText().max(100).optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(LIST_MAX).default(50),
});
const settingsBody = z.object({ open: z.boolean(), followers_only: z.boolean() }).strict();
const featuredBody = z.object({ featured: z.boolean() }).strict();
const pinnedBody = z.object({ pinned: z.boolean() }).strict();
// Characters are counted by the command (88007); the schema bounds the bytes.
const replyBody = z.object({ content: cleanText({ multiline: true }).max(REPLY_MAX_CHARS * 2) }).strict();
const userIdParam = z.string().uuid();

/** The comment a route addresses: `:articleId/:commentId` of the account in scope. */
function commentAddress(params: Record<string, string>, accountId: string) {
  const commentId = Number(params.commentId);
  if (!ARTICLE_ID_RE.test(params.articleId ?? '') || !/^[1-9][0-9]{0,15}$/.test(params.commentId ?? '') || !Number.isSafeInteger(commentId)) {
    throw new DomainError('not_found', 'No such comment.');
  }
  return { accountId, articleId: params.articleId, commentId };
}

/**
 * 留言管理: the console's comment routes under /console/api/accounts/:appid/comments. They call
 * the same commands as the WeChat comment APIs (comment/markelect, reply/add, delete, open/close),
 * addressing an article by its id instead of msg_data_id and index.
 */
export function registerCommentRoutes(api: FastifyInstance, services: Services): void {
  const { db } = services;

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/comments',
    action: 'comments.view',
    query: listQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const q = query.q?.trim() || undefined;
      const rows = await listAccountComments(db, { accountId: account.id, articleId: query.article, filter: query.filter, q, before: query.before, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      return { comments: page.map(presentManagedComment), next_before: rows.length > query.limit ? page[page.length - 1].id : null };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/comments/articles',
    action: 'comments.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const [articles, defaults] = await Promise.all([listCommentedArticles(db, account.id), findCommentDefaults(db, account.id)]);
      return { articles: articles.map(presentCommentedArticle), defaults: presentCommentDefaults(defaults) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/comments/defaults',
    action: 'comments.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return { defaults: presentCommentDefaults(await findCommentDefaults(db, account.id)) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/comments/defaults',
    action: 'comments.moderate',
    body: settingsBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await setCommentDefaults(services, { accountId: account.id, open: body.open, followersOnly: body.followers_only });
      return { defaults: presentCommentDefaults(await findCommentDefaults(db, account.id)) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/comments/articles/:articleId',
    action: 'comments.moderate',
    body: settingsBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      if (!ARTICLE_ID_RE.test(params.articleId ?? '')) throw new DomainError('not_found', 'No published article with this id.');
      await switchArticleComments(services, { accountId: account.id, articleId: params.articleId, open: body.open, followersOnly: body.open && body.followers_only });
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/comments/:articleId/:commentId/featured',
    action: 'comments.moderate',
    body: featuredBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await electComment(services, { ...commentAddress(params, account.id), elected: body.featured });
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/comments/:articleId/:commentId/pinned',
    action: 'comments.moderate',
    body: pinnedBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await pinComment(services, { ...commentAddress(params, account.id), pinned: body.pinned });
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/comments/:articleId/:commentId/reply',
    action: 'comments.moderate',
    body: replyBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const address = commentAddress(params, account.id);
      // One author reply per comment: the first write adds it, later ones edit it.
      const existing = await findComment(db, address.articleId, address.commentId);
      if (existing && existing.replyContent !== null) await editCommentReply(services, { ...address, content: body.content });
      else await replyToComment(services, { ...address, content: body.content });
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/comments/:articleId/:commentId/reply',
    action: 'comments.moderate',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await deleteCommentReply(services, commentAddress(params, account.id));
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/comments/:articleId/:commentId',
    action: 'comments.moderate',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await removeComment(services, commentAddress(params, account.id));
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/comments/:articleId/:commentId/block',
    action: 'comments.moderate',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await blockCommenter(services, commentAddress(params, account.id));
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/comment-blocks',
    action: 'comments.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return { blocked: (await listBlocks(db, account.id)).map(presentBlockedReader) };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/comment-blocks/:userId',
    action: 'comments.moderate',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const userId = userIdParam.safeParse(params.userId);
      if (!userId.success) throw new DomainError('not_found', 'This reader is not blocked.');
      await unblockCommenter(services, { accountId: account.id, userId: userId.data });
      return { ok: true };
    },
  });
}
