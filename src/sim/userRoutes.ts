import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services.js';
import { DomainError } from '../errors.js';
import { createFollowerUser } from '../commands/followerUserCreator.js';
import { followAccount } from '../commands/followAccount.js';
import { unfollowAccount } from '../commands/unfollowAccount.js';
import { MAX_TEXT_CHARS, sendUserMessage } from '../commands/userMessageSender.js';
import { findFollowerUser } from '../store/users.js';
import { waitForDelivery } from '../jobs/deliveryWaiter.js';
import { plainText, simRoute } from './kit.js';
import { presentReply, presentUser } from './presenters.js';

const userBody = z.object({
  nickname: plainText(64).optional(),
  country: plainText(64).optional(),
  province: plainText(64).optional(),
  city: plainText(64).optional(),
  language: z.string().max(8).optional(),
  sex: z.number().int().min(0).max(2).optional(),
  avatar_url: z.string().max(1024).optional(),
});

const accountRef = z.string().min(1).max(64);

const followBody = z.object({
  account: accountRef,
  scene: z.string().max(64).optional(),
});

const messageBody = z.object({
  account: accountRef,
  msgtype: z.literal('text'),
  content: z.string().max(MAX_TEXT_CHARS),
  /** false returns at once, without waiting for the delivery. */
  wait: z.boolean().default(true),
});

/** Simulated WeChat users: creation, follows, and messages to accounts. */
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
        sex: body.sex,
        avatarUrl: body.avatar_url,
      });
      return presentUser(user);
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

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/messages',
    body: messageBody,
    async handler({ params, body }) {
      const sent = await sendUserMessage(services, params.id, body.account, { msgtype: body.msgtype, content: body.content });
      const state = body.wait ? await waitForDelivery(services, sent.deliveryId) : undefined;
      return {
        msg_id: sent.msgId,
        openid: sent.openid,
        delivery: { id: sent.deliveryId, status: state?.status ?? 'pending', attempts: state?.attempts ?? 0 },
        reply: state?.reply == null ? null : presentReply(state.reply),
        reply_status: state?.replyStatus ?? 'none',
        reply_error: state?.replyError ?? null,
      };
    },
  });
}
