import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { findAccountByAppid } from '../accounts/index.js';
import { findFollow, findFollowerUser } from '../followers/index.js';
import { listAccountPosts, listPostSummaries, type ReceivedPost } from '../reader/index.js';
import { presentBroadcasts } from './phone/broadcastPresenter.js';
import { expireMassConfirmations } from './commands/massConfirmation.js';

const postsQuery = z.object({
  account: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * The push posts a WeChat user received (the sibling of /users/:id/inbox, which lists the
 * conversation): newest first, from one account or from every account they follow or followed,
 * so a test can assert that a follower got a post.
 */
export function registerBroadcastSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'GET',
    url: '/users/:id/posts',
    query: postsQuery,
    async handler({ params, query }) {
      if (!/^[0-9a-f-]{36}$/i.test(params.id) || !(await findFollowerUser(services.db, params.id))) throw new DomainError('not_found', 'User not found.');
      let posts: ReceivedPost[];
      if (query.account) {
        const account = await findAccountByAppid(services.db, query.account);
        if (!account) throw new DomainError('not_found', `No account with AppID ${query.account}.`);
        const follow = await findFollow(services.db, account.id, params.id);
        posts = follow ? await listAccountPosts(services.db, account.id, follow.openid, { limit: query.limit }) : [];
      } else {
        const summaries = await listPostSummaries(services.db, params.id);
        const perAccount = await Promise.all(
          summaries.map(async (s) => {
            const follow = await findFollow(services.db, s.latest.accountId, params.id);
            return follow ? listAccountPosts(services.db, s.latest.accountId, follow.openid, { limit: query.limit }) : [];
          }),
        );
        posts = perAccount.flat().sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || b.id - a.id).slice(0, query.limit);
      }
      const views = await presentBroadcasts(services, posts);
      return {
        posts: views.map((v) => ({
          msg_id: v.msgId,
          appid: v.appid,
          account_name: v.accountName,
          msgtype: v.msgtype,
          created_at: v.createdAt,
          preview: v.preview,
          deleted: v.deleted,
          read: v.read,
          articles: v.articles.map((a) => ({ id: a.id, title: a.title, url: a.url })),
          ...(v.text !== undefined ? { text: v.text } : {}),
        })),
      };
    },
  });

  // API mass-send protection: end the posts whose 30 minutes passed now (the sweep also runs every 15 s).
  simRoute(app, services, {
    method: 'POST',
    url: '/broadcasts/confirmations/sweep',
    async handler() {
      return { ended: await expireMassConfirmations(services) };
    },
  });
}
