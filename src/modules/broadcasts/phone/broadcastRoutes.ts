import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findReceivedPost, markPostsRead } from '../../reader/index.js';
import { findFollow } from '../../followers/index.js';
import { postMessage, presentBroadcasts } from './broadcastPresenter.js';
import { phoneRoute } from '../../../surfaces/phone/kit.js';

/** A msg_id in a path: digits only, within a bigint a JavaScript number holds exactly. */
function msgIdOf(raw: string | undefined): number {
  const id = /^\d{1,16}$/.test(raw ?? '') ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', 'No such push post.');
  return id;
}

/**
 * Push posts as a follower received them. Only a follower with a broadcast_recipients row for
 * the post (through their openid with its account) can see it; anyone else gets 404.
 */
export function registerBroadcastRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/broadcasts/:msgId',
    async handler({ user, params }) {
      const post = await findReceivedPost(services.db, user.id, msgIdOf(params.msgId));
      if (!post) throw new DomainError('not_found', 'No such push post.');
      const [view] = await presentBroadcasts(services, [post]);
      return { ...view, message: postMessage(view) };
    },
  });

  // Opening a post from the Subscriptions folder reads that one post.
  phoneRoute(api, services, {
    method: 'POST',
    url: '/broadcasts/:msgId/read',
    async handler({ user, params }) {
      const post = await findReceivedPost(services.db, user.id, msgIdOf(params.msgId));
      if (!post) throw new DomainError('not_found', 'No such push post.');
      const follow = await findFollow(services.db, post.accountId, user.id);
      const marked = follow ? await markPostsRead(services.db, post.accountId, follow.openid, services.clock.now(), post.id) : 0;
      return { marked };
    },
  });
}
