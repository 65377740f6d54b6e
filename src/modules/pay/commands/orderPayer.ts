import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { ensureOpenid, findFollowerUser } from '../../followers/index.js';
import { newTransactionId } from '../rules/ids.js';
import { BALANCE_BANK_TYPE } from '../rules/sheet.js';
import { presentTransaction } from '../presenters.js';
import { consumeFault, findMerchantById, findOrderForPayment, findWallet, insertBill, listCards, updateOrder, updateWallet, type MerchantRow, type OrderRow } from '../store.js';
import { queueNotification } from './notificationQueuer.js';
import { ensureWallet } from './wallet.js';

/** Which order a payer pays: a JSAPI or H5 prepay_id, a Native code_url's `pr`, or the order itself. */
export type PaymentTarget = { prepayId: string } | { codeUrlToken: string } | { orderId: string };

/**
 * How a payment ended: SUCCESS; PAYERROR or USERPAYING (a fault the simulator injected: the
 * order says so); NOTENOUGH (零钱 too low, or the simulator said so; nothing changes).
 */
export type PaymentOutcome = 'SUCCESS' | 'PAYERROR' | 'USERPAYING' | 'NOTENOUGH';

export interface Payment {
  outcome: PaymentOutcome;
  order: OrderRow;
  merchant: MerchantRow;
}

/** States an order can still be paid from. */
const PAYABLE = new Set(['NOTPAY', 'PAYERROR', 'USERPAYING']);

/**
 * Checks that a follower may pay an order now and returns it with its merchant (no lock): the
 * payment sheet shows what this finds before the password is asked.
 */
export async function payableOrder(services: Services, db: Services['db'], target: PaymentTarget, lock = false) {
  const order = await findOrderForPayment(db, target, lock);
  if (!order) throw new DomainError('not_found', 'No such order (the prepay_id or code_url is unknown).');
  const nowMs = services.clock.nowMs();
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') throw new DomainError('conflict', 'This order is already paid (订单已支付).', { trade_state: order.tradeState });
  if (order.tradeState === 'CLOSED') throw new DomainError('conflict', 'This order is closed (订单已关闭).', { trade_state: order.tradeState });
  if (order.timeExpire.getTime() <= nowMs) throw new DomainError('conflict', 'This order is past its payment deadline (订单已失效).', { trade_state: order.tradeState });
  if (!('orderId' in target) && order.prepayExpiresAt.getTime() <= nowMs) throw new DomainError('conflict', 'This prepay_id or code_url has expired; the merchant must order again.');
  const account = await findAccountByAppid(db, order.appid);
  if (!account) throw new DomainError('not_found', 'The AppID of this order no longer exists.');
  const merchant = await findMerchantById(db, order.merchantId);
  if (!merchant) throw new DomainError('not_found', 'The merchant of this order no longer exists.');
  return { order, merchant, account, nowMs };
}

/**
 * A follower pays an order (the payment sheet's 支付 after the password, or the simulator):
 * NOTPAY → SUCCESS with a transaction_id, the money taken from 零钱 or a card, a bill line, and
 * TRANSACTION.SUCCESS queued for the notify_url in the same transaction. A JSAPI order is paid
 * only by the follower its openid names; a Native or H5 one by whoever opens it (their openid
 * under the order's AppID). Injected faults (sim) turn it PAYERROR, USERPAYING or NOTENOUGH.
 */
export async function payOrder(services: Services, userId: string, target: PaymentTarget, method = 'balance'): Promise<Payment> {
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  await ensureWallet(services.db, userId, services.clock.nowMs());
  return withTransaction(services, async (tx, after) => {
    const { order, merchant, account, nowMs } = await payableOrder(services, tx, target, true);
    if (!PAYABLE.has(order.tradeState)) throw new DomainError('conflict', 'This order cannot be paid now.', { trade_state: order.tradeState });
    const follow = await ensureOpenid(tx, account, user.id, new Date(nowMs));
    if (order.tradeType === 'JSAPI' && follow.openid !== order.payerOpenid) {
      throw new DomainError('forbidden', 'This order was placed for another WeChat user (payer.openid).');
    }
    const wallet = (await findWallet(tx, userId, true))!;
    let bankType = BALANCE_BANK_TYPE;
    if (method === 'balance') {
      const short = await consumeFault(tx, 'notenough', { userId });
      if (short || wallet.balance < order.total) return { outcome: 'NOTENOUGH', order, merchant };
    } else {
      const card = (await listCards(tx, userId)).find((c) => c.id === method);
      if (!card) throw new DomainError('invalid_request', 'No such card in this wallet.', { fields: [{ path: 'method', message: 'unknown card' }] });
      bankType = card.bankType;
    }
    const fault = await consumeFault(tx, 'payment', { merchantId: merchant.id });
    if (fault?.code === 'PAYERROR' || fault?.code === 'USERPAYING') {
      const failed = await updateOrder(tx, order.id, { tradeState: fault.code, payerOpenid: follow.openid, payerUserId: user.id });
      return { outcome: fault.code, order: failed, merchant };
    }
    if (method === 'balance') await updateWallet(tx, userId, { balance: wallet.balance - order.total });
    const paid = await updateOrder(tx, order.id, {
      tradeState: 'SUCCESS',
      transactionId: newTransactionId(nowMs),
      successTime: new Date(nowMs),
      payerOpenid: follow.openid,
      payerUserId: user.id,
      bankType,
      payMethod: method,
    });
    await insertBill(tx, { userId, kind: 'payment', amount: -order.total, method, orderId: order.id, merchantName: merchant.name, description: order.description, at: new Date(nowMs) });
    const delay = await consumeFault(tx, 'notify_delay', { merchantId: merchant.id });
    const queued = await queueNotification(tx, { merchant, eventType: 'TRANSACTION.SUCCESS', resource: presentTransaction(paid, merchant.mchid), url: paid.notifyUrl, nowMs, delayMs: (delay?.delaySeconds ?? 0) * 1000, order: paid });
    if (queued) after.wake('payNotificationsQueued');
    return { outcome: 'SUCCESS', order: paid, merchant };
  });
}
