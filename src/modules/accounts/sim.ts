import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { createSimAccount } from './commands/simAccountCreator.js';
import { plainText, simAccount as accountOf, simRoute } from '../../surfaces/sim/kit.js';
import { WECHAT_ID_RE } from './rules/profile.js';
import { presentAccount, presentServer } from '../../surfaces/sim/presenters.js';

const createBody = z.object({
  type: z.enum(['subscription', 'service']),
  verified: z.boolean().default(false),
  name: plainText(64).refine((s) => s.trim().length > 0, 'must not be empty.'),
  org_id: z.string().max(64).optional(),
  /** The account's WeChat ID (微信号); by default one is made from the AppID. */
  wechat_id: z.string().regex(WECHAT_ID_RE, 'must be 6 to 20 letters, digits, _ or -, starting with a letter.').optional(),
  /** false: an overseas entity's account hidden from phone users in mainland China (docs/ACCOUNTS.md). */
  mainland_visible: z.boolean().default(true),
});

/** Accounts (their callback server and delivery log are the callbacks module's). */
export function registerAccountRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/accounts',
    body: createBody,
    status: 201,
    async handler({ body }) {
      const { account, secret } = await createSimAccount(services, { type: body.type, verified: body.verified, name: body.name, orgId: body.org_id, wechatId: body.wechat_id, mainlandVisible: body.mainland_visible });
      return presentAccount(account, secret);
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/accounts/:appid',
    async handler({ params }) {
      const account = await accountOf(services, params.appid);
      return { ...presentAccount(account), server: presentServer(account) };
    },
  });
}

