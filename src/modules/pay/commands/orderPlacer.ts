import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Services } from '../../../main/services.js';
import { dbErrorCode } from '../../../platform/errors.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { follows } from '../../followers/schema.js';
import { payError, paramError } from '../rules/errors.js';
import { codeUrlOf, newCodeUrlToken, newPrepayId } from '../rules/ids.js';
import { H5_TTL_MS, h5UrlOf } from '../rules/sheet.js';
import { canonicalJson, checkNotifyUrl, paymentDeadline, type OrderRequest } from '../rules/requests.js';
import { findOrder, insertOrder, isAppidBound, updateOrder, type MerchantRow, type OrderRow } from '../store.js';

/** A prepay_id (and a code_url) is valid 2 hours (reference §2.1, §2.3). */
export const PREPAY_TTL_MS = 2 * 3600 * 1000;

export type PlacedOrder = { prepay_id: string } | { code_url: string } | { h5_url: string };

function answer(order: OrderRow): PlacedOrder {
  if (order.tradeType === 'MWEB') return { h5_url: h5UrlOf(order.prepayId, h5PackageOf(order.prepayId)) };
  return order.tradeType === 'NATIVE' ? { code_url: codeUrlOf(order.codeUrlToken!) } : { prepay_id: order.prepayId };
}

/** The `package` of an h5_url: opaque to the merchant; Herald uses a digest of the prepay_id. */
const h5PackageOf = (prepayId: string) => createHash('sha256').update(prepayId).digest('hex').slice(0, 10);

/** How long a prepay_id lasts: 2 hours, 5 minutes for an h5_url. */
const ttlOf = (tradeType: string) => (tradeType === 'MWEB' ? H5_TTL_MS : PREPAY_TTL_MS);

/** The request as stored and compared on re-entry (what the merchant sent, canonical). */
function requestOf(req: OrderRequest): Record<string, unknown> {
  const { trade_type: _type, ...rest } = req;
  return JSON.parse(canonicalJson(rest)) as Record<string, unknown>;
}

/**
 * Places a JSAPI, Native or H5 order (`/v3/pay/transactions/jsapi|native|h5`; H5: an h5_url valid 5 minutes), or answers a re-entry
 * with the same out_trade_no (reference §2.1): identical parameters before the deadline give a
 * current prepay_id (Native: a new code_url, the old one stops working); different parameters
 * are INVALID_REQUEST, another trade type OUT_TRADE_NO_USED; a paid order ORDERPAID, a closed
 * one ORDER_CLOSED.
 */
export async function placeOrder(services: Services, merchant: MerchantRow, req: OrderRequest, api: 'v3' | 'v2' = 'v3'): Promise<PlacedOrder> {
  if (req.mchid !== merchant.mchid) throw payError('INVALID_REQUEST', 'http header中的mchid与post payload中的mchid不匹配', { field: 'mchid', location: 'body' });
  if (!(await isAppidBound(services.db, merchant.id, req.appid))) throw payError('APPID_MCHID_NOT_MATCH');
  checkNotifyUrl(req.notify_url, '/notify_url', services.config.mode === 'platform');
  if (req.trade_type === 'JSAPI') {
    const account = await findAccountByAppid(services.db, req.appid);
    const [follow] = account
      ? await services.db.select({ userId: follows.userId }).from(follows).where(and(eq(follows.accountId, account.id), eq(follows.openid, req.payer.openid))).limit(1)
      : [];
    if (!follow) throw paramError('/payer/openid', 'is not an openid of this appid', 'appid和openid不匹配');
  }
  const nowMs = services.clock.nowMs();
  const deadline = paymentDeadline(req.time_expire, nowMs);
  const request = requestOf(req);
  for (let tries = 0; ; tries++) {
    try {
      return await services.db.transaction(async (tx) => {
        const existing = await findOrder(tx, merchant.id, { outTradeNo: req.out_trade_no }, true);
        if (!existing) {
          const order = await insertOrder(tx, {
            merchantId: merchant.id,
            appid: req.appid,
            outTradeNo: req.out_trade_no,
            tradeType: req.trade_type,
            description: req.description,
            attach: req.attach ?? null,
            notifyUrl: req.notify_url,
            total: req.amount.total,
            currency: req.amount.currency ?? 'CNY',
            payerOpenid: req.trade_type === 'JSAPI' ? req.payer.openid : null,
            request,
            timeExpire: new Date(deadline),
            prepayId: newPrepayId(nowMs),
            prepayExpiresAt: new Date(nowMs + ttlOf(req.trade_type)),
            codeUrlToken: req.trade_type === 'NATIVE' ? newCodeUrlToken() : null,
            tradeState: 'NOTPAY',
            api,
            createdAt: new Date(nowMs),
          });
          return answer(order);
        }
        if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') throw payError('ORDERPAID');
        if (existing.tradeState === 'CLOSED') throw payError('ORDER_CLOSED');
        if (existing.tradeType !== req.trade_type) throw payError('OUT_TRADE_NO_USED');
        if (canonicalJson(existing.request) !== canonicalJson(request)) throw payError('INVALID_REQUEST', '请求重入时，参数与首次请求时不一致');
        if (existing.timeExpire.getTime() <= nowMs) throw payError('INVALID_REQUEST', '订单已失效');
        if (existing.tradeType === 'NATIVE') {
          return answer(await updateOrder(tx, existing.id, { codeUrlToken: newCodeUrlToken(), prepayExpiresAt: new Date(nowMs + PREPAY_TTL_MS) }));
        }
        if (existing.prepayExpiresAt.getTime() <= nowMs) {
          return answer(await updateOrder(tx, existing.id, { prepayId: newPrepayId(nowMs), prepayExpiresAt: new Date(nowMs + ttlOf(existing.tradeType)) }));
        }
        return answer(existing);
      });
    } catch (err) {
      // Two first requests with one out_trade_no at once: the loser reads the winner's order.
      if (dbErrorCode(err) !== 'unique_violation' || tries >= 2) throw err;
    }
  }
}
