import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { createFollowerUser } from './commands/followerUserCreator.js';
import { followAccount } from './commands/followAccount.js';
import { unfollowAccount } from './commands/unfollowAccount.js';
import { findFollowerUser, listFollowerUsers } from './store/users.js';
import { plainText, simRoute } from '../../surfaces/sim/kit.js';
import { presentUser } from '../../surfaces/sim/presenters.js';

const userBody = z.object({
  nickname: plainText(64).optional(),
  country: plainText(64).optional(),
  province: plainText(64).optional(),
  city: plainText(64).optional(),
  language: z.string().max(8).optional(),
  region: z.string().max(8).optional(),
  sex: z.number().int().min(0).max(2).optional(),
  avatar_url: z.string().max(1024).optional(),
});

const accountRef = z.string().min(1).max(64);

const followBody = z.object({
  account: accountRef,
  scene: z.string().max(64).optional(),
});

/** Simulated WeChat users: creation, listing and follows (messages: messageRoutes.ts). */
export function registerUserRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users',
    body: userBody,
    status: 201,
    async handler({ body }) {
      const user = await createFollowerUser(services, {
        nickname: body.nickname,
        country: body.country,
        province: body.province,
        city: body.city,
        language: body.language,
        region: body.region,
        sex: body.sex,
        avatarUrl: body.avatar_url,
      });
      return presentUser(user);
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/users',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), after: z.string().max(64).optional() }),
    async handler({ query }) {
      const users = await listFollowerUsers(services.db, { limit: query.limit, after: query.after });
      return { users: users.map(presentUser), next_after: users.length === query.limit ? users[users.length - 1].id : null };
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/users/:id',
    async handler({ params }) {
      const user = await findFollowerUser(services.db, params.id);
      if (!user) throw new DomainError('not_found', 'User not found.');
      return presentUser(user);
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/follow',
    body: followBody,
    async handler({ params, body }) {
      return { openid: await followAccount(services, params.id, body.account, { scene: body.scene }) };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/unfollow',
    body: followBody.pick({ account: true }),
    async handler({ params, body }) {
      return { openid: await unfollowAccount(services, params.id, body.account) };
    },
  });
}
