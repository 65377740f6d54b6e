/**
 * The payer's side in the phone (docs/PAY.md, "The payer's side"): the payment sheet a page's
 * getBrandWCPayRequest / chooseWXPay, a scanned code_url or an opened h5_url shows, its 支付
 * with the six-digit password, the wallet (钱包: 零钱, cards, 账单) and the 微信支付 receipts
 * (the Chats list's service notifications after each payment and refund). The in-app browser's
 * bridge calls these routes; jssdk does not import pay.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { confirmPayment, openSheet, SheetRefusal, walletView, type SheetSource } from './commands/sheet.js';
import { MAX_RECEIPTS, receiptsOf } from './commands/receipts.js';
export type { ReceiptView } from './commands/receipts.js';
import { topUp } from './commands/wallet.js';
import { MAX_WALLET_BALANCE } from './rules/sheet.js';

/** A JSAPI field as pages send it: a string, or a number (timeStamp). */
const field = (max: number) => z.union([z.string().max(max), z.number().finite()]).transform(String);

const sheetBody = z.union([
  z.object({
    api: z.enum(['getBrandWCPayRequest', 'chooseWXPay']),
    params: z.object({
      appId: field(64),
      timeStamp: field(32),
      nonceStr: field(64),
      package: field(128),
      signType: field(16),
      paySign: field(1024),
    }),
    /** The page's own URL (location.href as WeChat sees it), checked against the 支付授权目录. */
    page_url: z.string().max(4096).optional(),
  }),
  z.strictObject({ code_url: z.string().min(1).max(256) }),
  z.strictObject({ h5_url: z.string().min(1).max(1024) }),
]);

const confirmBody = z.strictObject({
  order_ref: z.string().uuid(),
  pin: z.string().max(16),
  method: z.union([z.literal('balance'), z.string().uuid()]).default('balance'),
});

const receiptsQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_RECEIPTS).default(50) });

const topUpBody = z.strictObject({ amount: z.number().int().min(1).max(MAX_WALLET_BALANCE) });

export function registerPayPhoneRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/pay/sheet',
    body: sheetBody,
    handler: async ({ user, body }) => {
      const source: SheetSource = 'api' in body ? { api: body.api, params: body.params, ...(body.page_url !== undefined ? { pageUrl: body.page_url } : {}) } : 'code_url' in body ? { codeUrl: body.code_url } : { h5Url: body.h5_url };
      try {
        return { ok: true, sheet: await openSheet(services, user.id, source) };
      } catch (err) {
        if (err instanceof SheetRefusal) return { ok: false, err_msg: err.errMsg, reason: err.reason, ...(err.notice ? { notice: err.notice } : {}) };
        throw err;
      }
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/pay/confirm',
    body: confirmBody,
    handler: async ({ user, body }) => confirmPayment(services, user.id, { orderRef: body.order_ref, pin: body.pin, method: body.method }),
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/pay/wallet',
    handler: async ({ user }) => walletView(services, user.id),
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/pay/receipts',
    query: receiptsQuery,
    handler: async ({ user, query }) => ({ receipts: await receiptsOf(services, user.id, query.limit) }),
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/pay/wallet/top-up',
    body: topUpBody,
    handler: async ({ user, body }) => {
      if (services.config.mode !== 'emulator') throw new DomainError('forbidden', 'Top-ups are for emulator mode.');
      await topUp(services, user.id, body.amount);
      return walletView(services, user.id);
    },
  });
}
