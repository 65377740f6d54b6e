import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { ensureOpenid, findFollowerUser } from '../../followers/index.js';
import { newTransactionId } from '../rules/ids.js';
import { presentTransaction } from '../presenters.js';
import { findMerchantById, findOrderForPayment, updateOrder, type MerchantRow, type OrderRow } from '../store.js';
import { queueNotification } from './notificationQueuer.js';

/** Which order a payer pays: a JSAPI prepay_id, a Native code_url's `pr`, or the order itself. */
export type PaymentTarget = { prepayId: string } | { codeUrlToken: string } | { orderId: string };

export interface Payment {
  order: OrderRow;
  merchant: MerchantRow;
}

/**
 * A follower pays an order (the payment sheet's 支付 after the password): NOTPAY → SUCCESS with
 * a transaction_id, and TRANSACTION.SUCCESS queued for the notify_url in the same transaction.
 * A JSAPI order is paid only by the follower its openid names; a Native one by whoever scans
 * its code (their openid under the order's AppID).
 */
export async function payOrder(services: Services, userId: string, target: PaymentTarget): Promise<Payment> {
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  return withTransaction(services, async (tx, after) => {
    const order = await findOrderForPayment(tx, target);
    if (!order) throw new DomainError('not_found', 'No such order (the prepay_id or code_url is unknown).');
    const nowMs = services.clock.nowMs();
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') throw new DomainError('conflict', 'This order is already paid (订单已支付).', { trade_state: order.tradeState });
    if (order.tradeState === 'CLOSED') throw new DomainError('conflict', 'This order is closed (订单已关闭).', { trade_state: order.tradeState });
    if (order.timeExpire.getTime() <= nowMs) throw new DomainError('conflict', 'This order is past its payment deadline (订单已失效).', { trade_state: order.tradeState });
    if (!('orderId' in target) && order.prepayExpiresAt.getTime() <= nowMs) throw new DomainError('conflict', 'This prepay_id or code_url has expired (2 hours); the merchant must order again.');
    const account = await findAccountByAppid(tx, order.appid);
    if (!account) throw new DomainError('not_found', 'The AppID of this order no longer exists.');
    const follow = await ensureOpenid(tx, account, user.id, new Date(nowMs));
    if (order.tradeType === 'JSAPI' && follow.openid !== order.payerOpenid) {
      throw new DomainError('forbidden', 'This order was placed for another WeChat user (payer.openid).');
    }
    const merchant = await findMerchantById(tx, order.merchantId);
    if (!merchant) throw new DomainError('not_found', 'The merchant of this order no longer exists.');
    const paid = await updateOrder(tx, order.id, {
      tradeState: 'SUCCESS',
      transactionId: newTransactionId(nowMs),
      successTime: new Date(nowMs),
      payerOpenid: follow.openid,
      payerUserId: user.id,
    });
    const queued = await queueNotification(tx, { merchant, eventType: 'TRANSACTION.SUCCESS', resource: presentTransaction(paid, merchant.mchid), url: paid.notifyUrl, nowMs, order: paid });
    if (queued) after.wake('payNotificationsQueued');
    return { order: paid, merchant };
  });
}
