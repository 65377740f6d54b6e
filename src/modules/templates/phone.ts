import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { accountOf } from '../followers/index.js';
import { readNotificationSetting, setNotificationSetting } from './commands/notificationSwitch.js';

const settingBody = z.object({ receive: z.boolean() }).strict();

/** The follower's switch for an account's template messages (its profile's settings). */
export function registerTemplatePhoneRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/template-notifications',
    async handler({ user, params }) {
      return { setting: await readNotificationSetting(services, user.id, await accountOf(services, params.appid)) };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/template-notifications',
    body: settingBody,
    async handler({ user, params, body }) {
      return { setting: await setNotificationSetting(services, user.id, await accountOf(services, params.appid), body.receive) };
    },
  });
}
