/**
 * 微信支付 in the console: the account's merchant (apply, the APIv3 key set once, AppIDs) and
 * the platform administrator's review of applications.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../surfaces/console/kit.js';
import { ENTITY_TYPES, INDUSTRY_FEE_BP, type Industry } from './rules/merchant.js';
import { createMerchant } from './commands/merchantCreator.js';
import { bindMerchantAppid, merchantOf, resetApiV2Key, reviewMerchant, setApiV3Key, setDefaultNotifyUrl } from './commands/merchantSettings.js';
import { addDirectory, removeDirectory } from './commands/directories.js';
import { presentMerchant, presentMerchantForReview } from './presenters.js';
import { listBindings, listMerchantsByStatus, listMerchantsOfAccount, type MerchantRow } from './store.js';

const applyBody = z.strictObject({
  name: z.string().trim().min(1).max(64),
  entity_type: z.enum(ENTITY_TYPES),
  foreign: z.boolean(),
  bank_account: z.strictObject({ type: z.enum(['corporate', 'personal']), mainland: z.boolean() }).nullable(),
  industry: z.enum(Object.keys(INDUSTRY_FEE_BP) as [Industry, ...Industry[]]),
  merchant_public_key: z.string().max(8192).optional(),
});
const keyBody = z.strictObject({ api_v3_key: z.string().max(64) });
const appidBody = z.strictObject({ appid: z.string().min(1).max(32) });
/** A 支付授权目录 as typed (the rule judges it; this only bounds it). */
const directoryText = cleanText().refine((s) => s.length <= 1024, 'must be at most 1024 characters');
const directoryBody = z.strictObject({ directory: directoryText });
const directoryQuery = z.strictObject({ directory: directoryText });
const notifyUrlBody = z.strictObject({ notify_url: cleanText().refine((s) => s.length <= 1024, 'must be at most 1024 characters').nullable() });
const queueQuery = z.strictObject({ status: z.enum(['reviewing', 'approved', 'rejected']).default('reviewing') });
const reviewBody = z.strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().min(1).max(200).optional() });

/** The account's merchant with this mchid (another account's is not found). */
async function ownMerchant(services: Services, accountId: string, mchid: string): Promise<MerchantRow> {
  const { merchant } = await merchantOf(services, mchid);
  if (merchant.accountId !== accountId) throw new DomainError('not_found', `No merchant ${mchid.slice(0, 32)}.`);
  return merchant;
}

async function view(services: Services, accountId: string, canApply: boolean) {
  const merchants = await listMerchantsOfAccount(services.db, accountId);
  return {
    can_apply: canApply,
    merchants: await Promise.all(merchants.map(async (m) => presentMerchant(m, await listBindings(services.db, m.id)))),
  };
}

export function registerPayConsoleRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/pay',
    action: 'pay.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return view(services, account.id, account.type === 'service' && account.verified);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/pay/merchants',
    action: 'pay.edit',
    body: applyBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const { merchant, merchantPrivateKey } = await createMerchant(services, {
        account,
        name: body.name,
        entityType: body.entity_type,
        foreign: body.foreign,
        bankAccount: body.bank_account,
        industry: body.industry,
        ...(body.merchant_public_key ? { merchantPublicKey: body.merchant_public_key } : {}),
      });
      // The private key and the APIv2 key are shown this once.
      return { merchant: presentMerchant(merchant, [account.appid]), merchant_private_key: merchantPrivateKey, api_v2_key: merchant.apiV2Key };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/pay/merchants/:mchid/api-v3-key',
    action: 'pay.edit',
    body: keyBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await setApiV3Key(services, await ownMerchant(services, account.id, params.mchid), body.api_v3_key);
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/pay/merchants/:mchid/appids',
    action: 'pay.edit',
    body: appidBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      return { appids: await bindMerchantAppid(services, await ownMerchant(services, account.id, params.mchid), body.appid) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/pay/merchants/:mchid/directories',
    action: 'pay.edit',
    body: directoryBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      return { directories: await addDirectory(services, await ownMerchant(services, account.id, params.mchid), body.directory) };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/pay/merchants/:mchid/directories',
    action: 'pay.edit',
    query: directoryQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      return { directories: await removeDirectory(services, await ownMerchant(services, account.id, params.mchid), query.directory) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/pay/merchants/:mchid/notify-url',
    action: 'pay.edit',
    body: notifyUrlBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const url = body.notify_url === null || body.notify_url.trim() === '' ? null : body.notify_url.trim();
      const m = await setDefaultNotifyUrl(services, await ownMerchant(services, account.id, params.mchid), url);
      return { notify_url: m.defaultNotifyUrl };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/pay/merchants/:mchid/api-v2-key',
    action: 'pay.edit',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      // The new key is shown this once.
      return { api_v2_key: await resetApiV2Key(services, await ownMerchant(services, account.id, params.mchid)) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/pay/merchants',
    action: 'pay.review',
    query: queueQuery,
    async handler({ query }) {
      const rows = await listMerchantsByStatus(services.db, query.status, 200);
      return { merchants: rows.map((r) => presentMerchantForReview(r.merchant, r.appid, r.accountName)) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/pay/merchants/:mchid/review',
    action: 'pay.review',
    body: reviewBody,
    async handler({ params, body }) {
      const { merchant, appids } = await merchantOf(services, params.mchid);
      if (body.decision === 'reject' && !body.reason) throw new DomainError('invalid_request', 'A rejection needs a reason.', { fields: [{ path: 'reason', message: 'required to reject' }] });
      return presentMerchant(await reviewMerchant(services, merchant, body.decision === 'approve' ? { approve: true } : { approve: false, reason: body.reason! }), appids);
    },
  });
}
