import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findFollow } from '../../followers/index.js';
import { pageAllowed, URL_NOT_REGISTERED } from '../rules/directories.js';
import { codeUrlToken } from '../rules/ids.js';
import { payErrMsg, prepayIdOfH5Url, prepayIdOfPackage, verifyPaySign, type JsapiPayParams, type PayApi } from '../rules/sheet.js';
import { findOrderForPayment, findMerchantById, listBills, type BillRow, type CardRow, type WalletRow } from '../store.js';
import { directoryRulesFor } from './directories.js';
import { checkPin, ensureWallet } from './wallet.js';
import { payableOrder, payOrder, type PaymentTarget } from './orderPayer.js';

/**
 * Where a payment sheet comes from: a page's JSAPI call (with the page's own URL, which must be
 * under a 支付授权目录), a scanned code_url, an opened h5_url.
 */
export type SheetSource = { api: PayApi; params: JsapiPayParams; pageUrl?: string } | { codeUrl: string } | { h5Url: string };

/**
 * A sheet that could not open: the errMsg the page receives and why (shown in the console of the
 * phone); `notice` is what WeChat itself shows the payer, when it shows anything.
 */
export class SheetRefusal extends Error {
  constructor(readonly errMsg: string, readonly reason: string, readonly notice?: string) {
    super(reason);
  }
}

function targetOf(source: SheetSource): PaymentTarget {
  if ('codeUrl' in source) {
    const token = codeUrlToken(source.codeUrl);
    if (!token) throw new DomainError('invalid_request', 'Not a WeChat Pay code_url.');
    return { codeUrlToken: token };
  }
  if ('h5Url' in source) {
    const id = prepayIdOfH5Url(source.h5Url);
    if (!id) throw new DomainError('invalid_request', 'Not a WeChat Pay h5_url.');
    return { prepayId: id };
  }
  const id = prepayIdOfPackage(source.params.package);
  if (!id) throw new SheetRefusal(payErrMsg(source.api, 'fail'), 'package is not prepay_id=…');
  return { prepayId: id };
}

/**
 * Opens the payment sheet: finds the order and checks what WeChat checks before showing it. A
 * page's parameters: the prepay_id belongs to the appId, paySign verifies with the merchant's
 * public key (signType RSA), the order is the follower's; anything else is the page's `:fail`.
 */
export async function openSheet(services: Services, userId: string, source: SheetSource) {
  const target = targetOf(source);
  if ('api' in source) {
    const order = await findOrderForPayment(services.db, target, false);
    const fail = (reason: string) => new SheetRefusal(payErrMsg(source.api, 'fail'), reason);
    if (!order || order.tradeType !== 'JSAPI') throw fail('the prepay_id is unknown');
    if (order.appid !== source.params.appId) throw fail('the prepay_id does not belong to appId');
    const merchant = await findMerchantById(services.db, order.merchantId);
    if (!merchant || !verifyPaySign(source.params, merchant.merchantPublicKey)) throw fail('支付验证签名失败 (paySign does not verify with the merchant key)');
    // 支付授权目录: the page must be under one of the merchant's directories (none registered: any page, in emulator mode only).
    const pageUrl = source.pageUrl ?? '';
    if (!pageAllowed(pageUrl, merchant.payDirectories, directoryRulesFor(services.config.mode))) {
      const notice = `${URL_NOT_REGISTERED}${pageUrl ? `：${pageUrl.slice(0, 512)}` : ''}`;
      throw new SheetRefusal(payErrMsg(source.api, 'fail'), `${notice} (not under the merchant's payment directories)`, notice);
    }
  }
  let found;
  try {
    found = await payableOrder(services, services.db, target);
  } catch (err) {
    if ('api' in source && err instanceof DomainError) throw new SheetRefusal(payErrMsg(source.api, 'fail'), err.message);
    throw err;
  }
  const { order, merchant, account } = found;
  if (order.tradeType === 'JSAPI') {
    const follow = await findFollow(services.db, account.id, userId);
    if (!follow || follow.openid !== order.payerOpenid) {
      const reason = 'This order was placed for another WeChat user (payer.openid).';
      if ('api' in source) throw new SheetRefusal(payErrMsg(source.api, 'fail'), reason);
      throw new DomainError('forbidden', reason);
    }
  }
  if ('h5Url' in source && order.tradeType !== 'MWEB') throw new DomainError('invalid_request', 'Not an H5 order.');
  if ('codeUrl' in source && order.tradeType !== 'NATIVE') throw new DomainError('invalid_request', 'Not a Native order.');
  const { wallet, cards } = await ensureWallet(services.db, userId, services.clock.nowMs());
  const follow = await findFollow(services.db, account.id, userId);
  return {
    order_ref: order.id,
    merchant_name: merchant.name,
    description: order.description,
    amount: order.total,
    trade_type: order.tradeType,
    account: { appid: account.appid, name: account.name, followed: Boolean(follow?.subscribed) },
    wallet: presentWallet(wallet, cards, services.clock.nowMs()),
  };
}

/** The wallet as the phone shows it. */
export function presentWallet(w: WalletRow, cards: readonly CardRow[], nowMs: number) {
  return {
    balance: w.balance,
    has_pin: w.pinHash !== null,
    locked_until: w.pinLockedUntil && w.pinLockedUntil.getTime() > nowMs ? w.pinLockedUntil.toISOString() : null,
    cards: cards.map((c) => ({ id: c.id, bank: c.bank, kind: c.kind, last4: c.last4 })),
  };
}

/** A line of the bill (账单). */
export function presentBill(b: BillRow & { appid: string | null }) {
  return { id: b.id, kind: b.kind, appid: b.appid, amount: b.amount, method: b.method, merchant_name: b.merchantName, description: b.description, at: b.at.toISOString() };
}

/** The wallet page: balance, cards, the latest bills. */
export async function walletView(services: Services, userId: string) {
  const { wallet, cards } = await ensureWallet(services.db, userId, services.clock.nowMs());
  const bills = await listBills(services.db, userId, 100);
  return { ...presentWallet(wallet, cards, services.clock.nowMs()), bills: bills.map(presentBill) };
}

/**
 * The sheet's 支付: the payment password (set on the first payment), then the payment. What
 * happened is the answer's `result`; the page's errMsg follows from it.
 */
export async function confirmPayment(services: Services, userId: string, input: { orderRef: string; pin: string; method: string }) {
  const pin = await checkPin(services, userId, input.pin);
  if (!pin.ok) {
    if (pin.reason === 'format') throw new DomainError('invalid_request', 'The payment password is six digits.', { fields: [{ path: 'pin', message: 'six digits' }] });
    if (pin.reason === 'locked') return { result: 'locked' as const, locked_until: pin.until.toISOString() };
    return { result: 'wrong_pin' as const, attempts_left: pin.left };
  }
  const paid = await payOrder(services, userId, { orderId: input.orderRef }, input.method);
  const outcome = { SUCCESS: 'ok', PAYERROR: 'payerror', USERPAYING: 'userpaying', NOTENOUGH: 'notenough' } as const;
  return {
    result: outcome[paid.outcome],
    pin_set: pin.set,
    transaction_id: paid.order.transactionId,
    amount: paid.order.total,
    merchant_name: paid.merchant.name,
  };
}
