/**
 * The served WeChat Pay APIv3 paths (docs/PAY.md): JSAPI and Native orders, queries by
 * out_trade_no and transaction_id, close, refunds and their query, and /v3/certificates.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { aesGcmEncrypt } from '../rules/crypto.js';
import { isPayCode, payError, paramError, type PayCodeName } from '../rules/errors.js';
import { rfc3339China } from '../rules/ids.js';
import { parseClose, parseJsonBody, parseOrder, parseRefund } from '../rules/requests.js';
import { placeOrder } from '../commands/orderPlacer.js';
import { closeOrder } from '../commands/orderCloser.js';
import { findRefundNow, requestRefund } from '../commands/refunder.js';
import { presentRefund, presentTransaction } from '../presenters.js';
import { consumeFault, findOrder, type MerchantRow } from '../store.js';
import { payRoute, preparePayScope, type PayContext } from './kit.js';
import { registerBillApis } from '../bills/routes.js';

/** The `mchid` query parameter of a query: required, and the caller's own. */
function queryMchid(ctx: PayContext): void {
  const mchid = ctx.query.mchid;
  if (typeof mchid !== 'string' || mchid === '') throw payError('PARAM_ERROR', '输入源“/query/mchid”映射到字段“直连商户号”必填性规则校验失败，此字段为必填项', { field: 'mchid', location: 'query' });
  if (mchid !== ctx.merchant.mchid) throw payError('INVALID_REQUEST', 'http header中的mchid与请求参数中的mchid不匹配', { field: 'mchid', location: 'query' });
}

/** A fault the simulator injected for this merchant's next orders (emulator mode). */
async function injectedOrderFault(services: Services, merchant: MerchantRow): Promise<void> {
  if (services.config.mode !== 'emulator') return;
  const fault = await services.db.transaction((tx) => consumeFault(tx, 'order', { merchantId: merchant.id }));
  if (fault && isPayCode(fault.code ?? '')) throw payError(fault.code as PayCodeName);
}

async function transactionOf(services: Services, merchant: MerchantRow, by: { outTradeNo: string } | { transactionId: string }) {
  const order = await findOrder(services.db, merchant.id, by);
  if (!order) throw payError('ORDER_NOT_EXIST');
  return presentTransaction(order, merchant.mchid);
}

/** Registers /v3 (its own scope: WeChat Pay's error shape and not-found answer). */
export async function registerPayApis(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (scope) => {
    preparePayScope(scope, services);
    registerBillApis(scope, services);

    const TRADE_TYPES = { jsapi: 'JSAPI', native: 'NATIVE', h5: 'MWEB' } as const;
    for (const kind of ['jsapi', 'native', 'h5'] as const) {
      payRoute(scope, services, {
        method: 'POST',
        url: `/pay/transactions/${kind}`,
        handler: async (ctx) => {
          const req = parseOrder(parseJsonBody(ctx.raw), TRADE_TYPES[kind]);
          await injectedOrderFault(services, ctx.merchant);
          return { status: 200, body: await placeOrder(services, ctx.merchant, req) };
        },
      });
    }

    // APP orders need a mobile application's AppID; an Official Account's is refused.
    payRoute(scope, services, {
      method: 'POST',
      url: '/pay/transactions/app',
      handler: async (ctx) => {
        const req = parseOrder(parseJsonBody(ctx.raw), 'NATIVE');
        if (req.mchid !== ctx.merchant.mchid) throw payError('INVALID_REQUEST', 'http header中的mchid与post payload中的mchid不匹配', { field: 'mchid', location: 'body' });
        throw payError('APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配', { field: 'appid', location: 'body', issue: 'APP支付须使用移动应用的AppID' });
      },
    });

    payRoute(scope, services, {
      method: 'GET',
      url: '/pay/transactions/out-trade-no/:outTradeNo',
      handler: async (ctx) => {
        queryMchid(ctx);
        return { status: 200, body: await transactionOf(services, ctx.merchant, { outTradeNo: ctx.params.outTradeNo }) };
      },
    });

    payRoute(scope, services, {
      method: 'GET',
      url: '/pay/transactions/id/:transactionId',
      handler: async (ctx) => {
        queryMchid(ctx);
        return { status: 200, body: await transactionOf(services, ctx.merchant, { transactionId: ctx.params.transactionId }) };
      },
    });

    payRoute(scope, services, {
      method: 'POST',
      url: '/pay/transactions/out-trade-no/:outTradeNo/close',
      handler: async (ctx) => {
        const { mchid } = parseClose(parseJsonBody(ctx.raw));
        if (mchid !== ctx.merchant.mchid) throw payError('INVALID_REQUEST', 'http header中的mchid与post payload中的mchid不匹配', { field: 'mchid', location: 'body' });
        await closeOrder(services, ctx.merchant, ctx.params.outTradeNo);
        return { status: 204 };
      },
    });

    payRoute(scope, services, {
      method: 'POST',
      url: '/refund/domestic/refunds',
      handler: async (ctx) => {
        const { refund, order } = await requestRefund(services, ctx.merchant, parseRefund(parseJsonBody(ctx.raw)));
        return { status: 200, body: presentRefund(refund, order) };
      },
    });

    payRoute(scope, services, {
      method: 'GET',
      url: '/refund/domestic/refunds/:outRefundNo',
      handler: async (ctx) => {
        const { refund, order } = await findRefundNow(services, ctx.merchant, ctx.params.outRefundNo);
        return { status: 200, body: presentRefund(refund, order) };
      },
    });

    payRoute(scope, services, {
      method: 'GET',
      url: '/certificates',
      handler: async (ctx) => {
        const type = ctx.query.algorithm_type;
        if (type !== undefined && type !== 'RSA' && type !== 'ALL' && type !== 'SM2') throw paramError('algorithm_type', 'must be RSA, SM2 or ALL');
        const m = ctx.merchant;
        if (!m.apiV3Key) throw payError('NO_AUTH', '商户未设置APIv3密钥');
        const data = type === 'SM2' ? [] : [{
          serial_no: m.platformCertSerial,
          effective_time: rfc3339China(m.platformCertFrom.getTime()),
          expire_time: rfc3339China(m.platformCertUntil.getTime()),
          encrypt_certificate: aesGcmEncrypt(m.platformCertPem, m.apiV3Key, 'certificate'),
        }];
        return { status: 200, body: { data } };
      },
    });
  }, { prefix: '/v3' });
}
