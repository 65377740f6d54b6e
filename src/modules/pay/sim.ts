/**
 * The simulator's WeChat Pay routes (emulator mode, docs/PAY.md): create a merchant for an
 * account, review it, bind AppIDs, pay an order as a follower, read the notifications sent.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from '../../surfaces/sim/kit.js';
import { findAccountByAppid } from '../accounts/index.js';
import { ENTITY_TYPES, INDUSTRY_FEE_BP, type Industry } from './rules/merchant.js';
import { codeUrlToken, newApiKey } from './rules/ids.js';
import { createMerchant } from './commands/merchantCreator.js';
import { bindMerchantAppid, merchantOf, reviewMerchant, setApiV3Key } from './commands/merchantSettings.js';
import { payOrder } from './commands/orderPayer.js';
import { presentMerchant, presentNotification, presentTransaction } from './presenters.js';
import { deleteFaults, insertFault, listAttempts, listFaults, listNotifications, requeueNotification, type FaultRow } from './store.js';
import { INJECTABLE_ORDER_CODES } from './rules/errors.js';
import { MAX_WALLET_BALANCE } from './rules/sheet.js';
import { walletView } from './commands/sheet.js';
import { topUp } from './commands/wallet.js';
import { findFollowerUser } from '../followers/index.js';

const merchantBody = z.strictObject({
  appid: z.string().min(1).max(32),
  name: z.string().min(1).max(64).optional(),
  entity_type: z.enum(ENTITY_TYPES).default('enterprise'),
  foreign: z.boolean().default(false),
  bank_account: z.strictObject({ type: z.enum(['corporate', 'personal']), mainland: z.boolean() }).nullable().default({ type: 'corporate', mainland: true }),
  industry: z.enum(Object.keys(INDUSTRY_FEE_BP) as [Industry, ...Industry[]]).default('standard'),
  /** Without one the simulator sets a random APIv3 key and returns it. */
  api_v3_key: z.string().max(64).optional(),
  merchant_public_key: z.string().max(8192).optional(),
});

const reviewBody = z.strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().min(1).max(200).optional() });
const appidBody = z.strictObject({ appid: z.string().min(1).max(32) });
const keyBody = z.strictObject({ api_v3_key: z.string().max(64) });
const payBody = z.strictObject({
  user_id: z.string().uuid(),
  prepay_id: z.string().min(1).max(64).optional(),
  code_url: z.string().min(1).max(256).optional(),
});

const faultBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('order'), code: z.enum(INJECTABLE_ORDER_CODES), count: z.number().int().min(1).max(1000).default(1) }),
  z.strictObject({ kind: z.literal('payment'), outcome: z.enum(['PAYERROR', 'USERPAYING']), count: z.number().int().min(1).max(1000).default(1) }),
  z.strictObject({ kind: z.literal('notify_delay'), seconds: z.number().int().min(1).max(86_400), count: z.number().int().min(1).max(1000).default(1) }),
]);
const userFaultBody = z.strictObject({ kind: z.literal('notenough'), count: z.number().int().min(1).max(1000).default(1) });
const topUpBody = z.strictObject({ amount: z.number().int().min(1).max(MAX_WALLET_BALANCE) });

function presentFault(f: FaultRow) {
  return { id: f.id, kind: f.kind, ...(f.code ? { code: f.code } : {}), ...(f.delaySeconds ? { seconds: f.delaySeconds } : {}), remaining: f.remaining };
}

async function simUser(services: Services, id: string) {
  const user = /^[0-9a-f-]{36}$/i.test(id) ? await findFollowerUser(services.db, id) : undefined;
  if (!user) throw new DomainError('not_found', 'User not found.');
  return user;
}

export function registerPaySimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/pay/merchants/:mchid/faults',
    body: faultBody,
    status: 201,
    handler: async ({ params, body }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      const f = await insertFault(services.db, {
        merchantId: merchant.id,
        kind: body.kind,
        code: body.kind === 'order' ? body.code : body.kind === 'payment' ? body.outcome : null,
        delaySeconds: body.kind === 'notify_delay' ? body.seconds : null,
        remaining: body.count,
        createdAt: services.clock.now(),
      });
      return presentFault(f);
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/pay/merchants/:mchid/faults',
    handler: async ({ params }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      return { faults: (await listFaults(services.db, { merchantId: merchant.id })).map(presentFault) };
    },
  });

  simRoute(app, services, {
    method: 'DELETE',
    url: '/pay/merchants/:mchid/faults',
    handler: async ({ params }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      await deleteFaults(services.db, { merchantId: merchant.id });
      return { ok: true };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/users/:id/faults',
    body: userFaultBody,
    status: 201,
    handler: async ({ params, body }) => {
      const user = await simUser(services, params.id);
      const f = await insertFault(services.db, { userId: user.id, kind: body.kind, remaining: body.count, createdAt: services.clock.now() });
      return presentFault(f);
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/pay/users/:id/wallet',
    handler: async ({ params }) => walletView(services, (await simUser(services, params.id)).id),
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/users/:id/wallet/top-up',
    body: topUpBody,
    handler: async ({ params, body }) => {
      const user = await simUser(services, params.id);
      await topUp(services, user.id, body.amount);
      return walletView(services, user.id);
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/merchants',
    body: merchantBody,
    status: 201,
    handler: async ({ body }) => {
      const account = await findAccountByAppid(services.db, body.appid);
      if (!account) throw new DomainError('not_found', `No account with AppID ${body.appid}.`);
      const apiV3Key = body.api_v3_key ?? newApiKey();
      const { merchant, merchantPrivateKey } = await createMerchant(services, {
        account,
        name: body.name ?? account.name,
        entityType: body.entity_type,
        foreign: body.foreign,
        bankAccount: body.bank_account,
        industry: body.industry,
        apiV3Key,
        ...(body.merchant_public_key ? { merchantPublicKey: body.merchant_public_key } : {}),
      });
      return {
        ...presentMerchant(merchant, [account.appid]),
        api_v3_key: apiV3Key,
        api_v2_key: merchant.apiV2Key,
        merchant_private_key: merchantPrivateKey,
      };
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/pay/merchants/:mchid',
    handler: async ({ params }) => {
      const { merchant, appids } = await merchantOf(services, params.mchid);
      return presentMerchant(merchant, appids);
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/merchants/:mchid/review',
    body: reviewBody,
    handler: async ({ params, body }) => {
      const { merchant, appids } = await merchantOf(services, params.mchid);
      if (body.decision === 'reject' && !body.reason) throw new DomainError('invalid_request', 'A rejection needs a reason.', { fields: [{ path: 'reason', message: 'required to reject' }] });
      const reviewed = await reviewMerchant(services, merchant, body.decision === 'approve' ? { approve: true } : { approve: false, reason: body.reason! });
      return presentMerchant(reviewed, appids);
    },
  });

  simRoute(app, services, {
    method: 'PUT',
    url: '/pay/merchants/:mchid/api-v3-key',
    body: keyBody,
    handler: async ({ params, body }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      await setApiV3Key(services, merchant, body.api_v3_key);
      return { ok: true };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/merchants/:mchid/appids',
    body: appidBody,
    handler: async ({ params, body }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      return { appids: await bindMerchantAppid(services, merchant, body.appid) };
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/pay/merchants/:mchid/notifications',
    handler: async ({ params }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      const list = await listNotifications(services.db, merchant.id);
      const attempts = await listAttempts(services.db, list.map((n) => n.id));
      return { notifications: list.map((n) => presentNotification(n, attempts.filter((a) => a.notificationId === n.id))) };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/merchants/:mchid/notifications/:id/resend',
    handler: async ({ params }) => {
      const { merchant } = await merchantOf(services, params.mchid);
      if (!/^[0-9a-f-]{36}$/.test(params.id) || !(await requeueNotification(services.db, merchant.id, params.id, services.clock.now()))) {
        throw new DomainError('not_found', 'No such notification, or it is being delivered now.');
      }
      services.signals.emit('payNotificationsQueued');
      return { ok: true };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/pay/payments',
    body: payBody,
    handler: async ({ body }) => {
      const given = [body.prepay_id, body.code_url].filter((v) => v !== undefined).length;
      if (given !== 1) throw new DomainError('invalid_request', 'Give prepay_id (JSAPI) or code_url (Native).', { fields: [{ path: 'prepay_id', message: 'one of prepay_id and code_url' }] });
      let target: { prepayId: string } | { codeUrlToken: string };
      if (body.prepay_id !== undefined) target = { prepayId: body.prepay_id };
      else {
        const token = codeUrlToken(body.code_url!);
        if (!token) throw new DomainError('invalid_request', 'Not a WeChat Pay code_url (weixin://wxpay/bizpayurl?pr=…).', { fields: [{ path: 'code_url', message: 'not a code_url' }] });
        target = { codeUrlToken: token };
      }
      const { order, merchant, outcome } = await payOrder(services, body.user_id, target);
      if (outcome === 'NOTENOUGH') throw new DomainError('conflict', 'The payer\'s balance (零钱) is too low (NOTENOUGH).', { outcome });
      return presentTransaction(order, merchant.mchid);
    },
  });
}
