import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { listServiceNotifications, type ServiceNotificationRow } from './store.js';
import { presentNotification } from './userPresenters.js';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  before: z.string().regex(/^[1-9]\d{0,18}$/, 'before must be a msgid.').optional(),
});

/** One entry of 服务通知: the notification and the account it came from. */
export function presentServiceNotification(n: ServiceNotificationRow) {
  return {
    ...presentNotification(n),
    appid: n.appid,
    account_name: n.accountName,
    avatar_url: n.avatarMediaId ? `/media/${encodeURIComponent(n.avatarMediaId)}` : null,
  };
}

export type ServiceNotificationView = ReturnType<typeof presentServiceNotification>;

/** 服务通知: the subscribe notifications a user received from accounts they do not follow. */
export function registerSubscribePhoneRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/service-notifications',
    query: listQuery,
    async handler({ user, query }) {
      const rows = await listServiceNotifications(services.db, user.id, { limit: query.limit, before: query.before ? BigInt(query.before) : undefined });
      const last = rows.at(-1);
      return { notifications: rows.map(presentServiceNotification), next_before: rows.length === query.limit && last ? last.msgid.toString() : null };
    },
  });
}
