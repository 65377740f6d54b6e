import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { articleUrl } from '../articles/rules/articleUrl.js';
import { mediaUrl } from '../media/rules/media.js';
import { COMMENT_MAX_CHARS, DONATION_MAX_FEN, DONATION_MESSAGE_MAX, DONATION_MIN_FEN, SHARE_TARGETS, acceptsDonations, charCount } from './rules.js';
import { findFollow } from '../followers/index.js';
import { readerReactions } from './store/readerArticles.js';
import { listVisibleComments, type CommentRow, type CommentView } from './store/articleComments.js';
import { readableArticle } from './commands/readerArticle.js';
import { reactToArticle } from './commands/articleReactor.js';
import { commentOnArticle } from './commands/articleCommenter.js';
import { likeComment } from './commands/commentLiker.js';
import { DomainError } from '../../platform/errors.js';
import { shareArticle } from './commands/articleSharer.js';
import { donateToArticle } from './commands/articleDonor.js';
import type { FollowerUserRow } from '../followers/index.js';
import { phoneRoute, phoneText } from '../../surfaces/phone/kit.js';
import { assertAvailableInRegion, findAccountByAppid } from '../accounts/index.js';
import { listPublicArticles } from '../articles/index.js';

/** Articles the profile's 历史消息 lists at most. */
const HISTORY_LIMIT = 50;

const toggleBody = z.object({ on: z.boolean() });
// Lengths are counted in characters by the command; the schema only bounds the bytes.
const commentBody = z.object({ content: phoneText(COMMENT_MAX_CHARS * 2, { multiline: true }) });
const shareBody = z.object({ target: z.enum(SHARE_TARGETS) });
const donationBody = z.object({
  amountFen: z.number().int().min(DONATION_MIN_FEN, 'A donation is at least ¥0.01.').max(DONATION_MAX_FEN, `A donation is at most ¥${DONATION_MAX_FEN / 100}.`),
  message: phoneText(DONATION_MESSAGE_MAX * 2)
    .refine((s) => charCount(s) <= DONATION_MESSAGE_MAX, `A message is at most ${DONATION_MESSAGE_MAX} characters.`)
    .optional(),
});

/** A comment as the phone shows it. */
function presentComment(c: CommentRow & { nickname: string; avatarUrl: string; liked?: boolean }, user: FollowerUserRow) {
  return {
    id: c.id,
    content: c.content,
    nickname: c.nickname,
    avatarUrl: c.avatarUrl,
    createdAt: c.createdAt.toISOString(),
    featured: c.elected,
    pinned: c.pinned,
    likeCount: c.likeCount,
    liked: c.liked ?? false,
    mine: c.userId === user.id,
    reply: c.replyContent !== null ? { content: c.replyContent, createdAt: c.replyAt?.toISOString() ?? null } : null,
  };
}

/**
 * The phone's reader API for articles: what the in-phone article view shows around the page
 * (counters, the reader's like and "Wow", comments), and the reader's actions.
 */
export function registerArticleRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/articles/:id',
    async handler({ user, params }) {
      const { article: a, accountName, appid, mainlandVisible } = await readableArticle(services.db, params.id);
      assertAvailableInRegion({ mainlandVisible }, user.region);
      const [reactions, follow, comments] = await Promise.all([
        readerReactions(services.db, a.id, user.id),
        findFollow(services.db, a.accountId, user.id),
        listVisibleComments(services.db, a.id, user.id),
      ]);
      return {
        article: {
          id: a.id,
          title: a.title,
          author: a.author,
          digest: a.digest,
          url: articleUrl(services, a.id),
          coverUrl: a.thumbMediaId ? mediaUrl(services.config.publicUrl, a.thumbMediaId) : null,
          accountName,
          appid,
          publishedAt: a.publishedAt?.toISOString() ?? null,
          readCount: a.readCount,
          likeCount: a.likeCount,
          wowCount: a.wowCount,
          shareCount: a.shareCount,
          commentCount: a.commentCount,
          liked: reactions.liked,
          wowed: reactions.wowed,
          original: a.original,
          donationsEnabled: acceptsDonations(a) && services.config.mode !== 'platform',
          commentsEnabled: a.needOpenComment === 1,
          onlyFansCanComment: a.onlyFansCanComment === 1,
          following: Boolean(follow?.subscribed),
        },
        comments: comments.map((c: CommentView) => presentComment(c, user)),
      };
    },
  });

  // 历史消息: the account's published and pushed articles, newest first, as its profile lists them.
  phoneRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/history',
    async handler({ user, params }) {
      const appid = params.appid ?? '';
      const account = /^[A-Za-z0-9_-]{1,64}$/.test(appid) ? await findAccountByAppid(services.db, appid) : undefined;
      if (!account) throw new DomainError('not_found', 'No such official account.');
      assertAvailableInRegion(account, user.region);
      const rows = await listPublicArticles(services.db, account.id, HISTORY_LIMIT);
      return {
        articles: rows.map((a) => ({
          id: a.id,
          title: a.title,
          digest: a.digest,
          url: articleUrl(services, a.id),
          coverUrl: a.thumbMediaId ? mediaUrl(services.config.publicUrl, a.thumbMediaId) : null,
          publishedAt: a.publishedAt?.toISOString() ?? null,
        })),
      };
    },
  });

  for (const kind of ['like', 'wow'] as const) {
    phoneRoute(api, services, {
      method: 'POST',
      url: `/articles/:id/${kind}`,
      body: toggleBody,
      async handler({ user, params, body }) {
        const out = await reactToArticle(services, { articleId: params.id, userId: user.id, kind, on: body.on });
        return { [kind === 'like' ? 'liked' : 'wowed']: out.on, likeCount: out.likeCount, wowCount: out.wowCount };
      },
    });
  }

  phoneRoute(api, services, {
    method: 'POST',
    url: '/articles/:id/comments',
    body: commentBody,
    status: 201,
    async handler({ user, params, body }) {
      const comment = await commentOnArticle(services, { articleId: params.id, userId: user.id, content: body.content });
      return { comment: presentComment({ ...comment, nickname: user.nickname, avatarUrl: user.avatarUrl }, user) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/articles/:id/comments/:commentId/like',
    body: toggleBody,
    async handler({ user, params, body }) {
      const commentId = /^[1-9][0-9]{0,15}$/.test(params.commentId ?? '') ? Number(params.commentId) : 0;
      if (!Number.isSafeInteger(commentId) || commentId <= 0) throw new DomainError('not_found', 'No such comment.');
      return likeComment(services, { articleId: params.id, commentId, userId: user.id, on: body.on });
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/articles/:id/share',
    body: shareBody,
    async handler({ user, params, body }) {
      return shareArticle(services, { articleId: params.id, userId: user.id, target: body.target });
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/articles/:id/donations',
    body: donationBody,
    status: 201,
    async handler({ user, params, body }) {
      const d = await donateToArticle(services, { articleId: params.id, userId: user.id, amountFen: body.amountFen, message: body.message ?? '' });
      return { donation: { id: d.id, amountFen: d.amountFen, message: d.message, createdAt: d.createdAt.toISOString() } };
    },
  });
}
