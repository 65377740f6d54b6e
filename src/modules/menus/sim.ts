import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { findAccountByAppid } from '../accounts/index.js';
import { findFollowerUser } from '../followers/index.js';
import { latestConversationId, simOutcome } from '../messaging/index.js';
import { clickMenu } from './commands/menuClicker.js';

const menuClickBody = z.object({
  account: z.string().min(1).max(64),
  path: z.union([z.tuple([z.number().int().min(0).max(4)]), z.tuple([z.number().int().min(0).max(4), z.number().int().min(0).max(4)])]),
  scan_type: z.enum(['qrcode', 'barcode']).optional(),
  scan_result: z.string().max(2048).optional(),
  media_ids: z.array(z.string().max(128)).max(9).optional(),
  location: z
    .object({
      location_x: z.number(),
      location_y: z.number(),
      scale: z.number().optional(),
      label: z.string().max(256).optional(),
      poiname: z.string().max(256).optional(),
    })
    .optional(),
  wait: z.boolean().default(true),
});

/** A simulated user taps a button of the account's menu (the click's event, then what the account answered). */
export function registerMenuClickRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/menu-click',
    body: menuClickBody,
    async handler({ params, body }) {
      const { account, path, wait, ...extra } = body;
      const found = await findAccountByAppid(services.db, account);
      if (!found) throw new DomainError('not_found', `No account with AppID ${account}.`);
      const before = (await findFollowerUser(services.db, params.id)) ? await latestConversationId(services.db, params.id) : 0;
      const result = await clickMenu(services, params.id, account, path, extra);
      const after = await simOutcome(services, params.id, found.id, result.delivery_id, before, wait);
      const shown = new Set(result.messages.map((m) => m.id));
      return { ...result, ...after, replies: after.replies.filter((m) => !shown.has(m.id)) };
    },
  });
}
