/**
 * WeChat Pay APIv2 (legacy XML, reference §7) at WeChat's paths: `pay/unifiedorder`,
 * `pay/orderquery`, `pay/closeorder`, `secapi/pay/refund` (the merchant certificate, mutual
 * TLS: v2/cert.ts), `pay/refundquery`, `pay/downloadbill`. Every request is `<xml>` signed with
 * the APIv2 key (MD5 or HMAC-SHA256); transport failures answer `return_code` FAIL with
 * `return_msg`, business ones `result_code` FAIL with `err_code`/`err_code_des`, signed. Orders
 * and refunds are the APIv3 ones (the same store, commands and notifications worker).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { buildXml, parseXml, XmlError } from '../../../protocol/xml.js';
import { closeOrder } from '../commands/orderCloser.js';
import { placeOrder } from '../commands/orderPlacer.js';
import { requestRefund, settleDueRefunds } from '../commands/refunder.js';
import { presentTransaction } from '../presenters.js';
import { billAvailability, parseBillDate, TRADE_BILL_TYPES, type TradeBillType } from '../rules/bills.js';
import { randomAlnum } from '../rules/crypto.js';
import { isPayCode } from '../rules/errors.js';
import { MAX_AMOUNT, parseOrder, parseRefund, type OrderRequest } from '../rules/requests.js';
import { parseV2Time, V2_ERR, V2_RETURN_MSG, v2Sign, v2SignTypeOf, v2Time, v2Verify, type V2ErrCode, type V2SignType } from '../rules/v2.js';
import { findMerchantByMchid, findOrder, findOrderById, findRefund, type MerchantRow, type OrderRow, type RefundRow } from '../store.js';
import { findRefundById, refundsOfOrder } from '../bills/store.js';
import { tradeBill } from '../bills/files.js';
import { certificateIsMerchants, clientCertificate } from './cert.js';
import { v2TradeFields } from './notify.js';

/** Largest v2 request (an order is well under 10 KB; `detail` is at most 6000 characters). */
export const V2_BODY_LIMIT = 32 * 1024;

type Fields = Record<string, string>;

/** A transport failure: `return_code` FAIL, unsigned. */
class V2Fail extends Error {}

/** A business failure: `result_code` FAIL with an err_code. */
class V2Refusal extends Error {
  constructor(readonly code: V2ErrCode, message?: string) {
    super(message ?? V2_ERR[code]);
  }
}

const xmlReply = (reply: FastifyReply, fields: Fields) => reply.code(200).header('content-type', 'text/xml; charset=utf-8').send(buildXml(fields));

const fail = (reply: FastifyReply, msg: string) => xmlReply(reply, { return_code: 'FAIL', return_msg: msg });

/** Reads a v2 request body: one `<xml>` of text fields. */
function readFields(raw: Buffer): Fields {
  if (raw.length === 0) throw new V2Fail(V2_RETURN_MSG.POST_DATA_EMPTY);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new V2Fail(V2_RETURN_MSG.NOT_UTF8);
  }
  let doc: ReturnType<typeof parseXml>;
  try {
    doc = parseXml(text, { maxBytes: V2_BODY_LIMIT, maxDepth: 3 });
  } catch (err) {
    if (err instanceof XmlError) throw new V2Fail(err.reason === 'too_large' ? V2_RETURN_MSG.BODY_TOO_LARGE : V2_RETURN_MSG.XML_FORMAT_ERROR);
    throw err;
  }
  if (doc.root !== 'xml') throw new V2Fail(V2_RETURN_MSG.XML_FORMAT_ERROR);
  const out: Fields = {};
  for (const [k, v] of Object.entries(doc.fields)) {
    if (typeof v !== 'string') throw new V2Fail(V2_RETURN_MSG.XML_FORMAT_ERROR);
    out[k] = v;
  }
  return out;
}

interface V2Context {
  services: Services;
  merchant: MerchantRow;
  fields: Fields;
  request: FastifyRequest;
}

/** The merchant a request is from, its signature checked. */
async function authenticate(services: Services, fields: Fields): Promise<{ merchant: MerchantRow; signType: V2SignType }> {
  for (const k of ['mch_id', 'nonce_str', 'sign'] as const) if (!fields[k]) throw new V2Fail(`${V2_RETURN_MSG.LACK_PARAMS}：${k}`);
  if (fields.nonce_str.length > 32) throw new V2Fail('nonce_str参数格式错误');
  const signType = v2SignTypeOf(fields.sign_type);
  if (!signType) throw new V2Fail(V2_RETURN_MSG.SIGN_TYPE);
  const merchant = fields.mch_id.length <= 32 ? await findMerchantByMchid(services.db, fields.mch_id) : undefined;
  if (!merchant?.apiV2Key) throw new V2Fail(V2_RETURN_MSG.MCHID_NOT_EXIST);
  if (!v2Verify(fields, merchant.apiV2Key, signType)) throw new V2Fail(V2_RETURN_MSG.SIGNERROR);
  if (merchant.status !== 'approved') throw new V2Refusal('NOAUTH');
  return { merchant, signType };
}

/** A DomainError of the shared commands as a v2 refusal. */
function asRefusal(err: DomainError, notFound: V2ErrCode): V2Refusal {
  if (!isPayCode(err.code)) return new V2Refusal('SYSTEMERROR');
  switch (err.code) {
    case 'ORDERPAID': return new V2Refusal('ORDERPAID');
    case 'ORDER_CLOSED': return new V2Refusal('ORDERCLOSED');
    case 'OUT_TRADE_NO_USED': return new V2Refusal('OUT_TRADE_NO_USED');
    case 'APPID_MCHID_NOT_MATCH': return new V2Refusal('APPID_MCHID_NOT_MATCH');
    case 'ORDER_NOT_EXIST': case 'RESOURCE_NOT_EXISTS': return new V2Refusal(notFound);
    case 'NO_AUTH': return new V2Refusal('NOAUTH');
    case 'NOT_ENOUGH': return new V2Refusal('NOTENOUGH');
    case 'PARAM_ERROR': return new V2Refusal('PARAM_ERROR', v2FieldNames(err.message));
    case 'INVALID_REQUEST': return new V2Refusal('INVALID_REQUEST', err.message);
    default: return new V2Refusal('SYSTEMERROR');
  }
}

/** APIv3 field paths in a message, named as APIv2 does. */
function v2FieldNames(message: string): string {
  return message
    .replace('/amount/total', 'total_fee').replace('/amount/refund', 'refund_fee').replace('/payer/openid', 'openid')
    .replace('/scene_info/h5_info/app_url', 'scene_info.h5_info.wap_url').replace(/\/scene_info\/h5_info\/(\w+)/, 'scene_info.h5_info.$1')
    .replace('/description', 'body').replace('/scene_info/payer_client_ip', 'spbill_create_ip').replace(/\/(out_trade_no|out_refund_no|notify_url|attach|time_expire|appid|reason|transaction_id)\b/, '$1')
    .replace('reason', 'refund_desc');
}

const need = (fields: Fields, ...names: string[]) => {
  for (const n of names) if (!fields[n]) throw new V2Refusal('PARAM_ERROR', `${V2_RETURN_MSG.LACK_PARAMS}：${n}`);
};

/** A fen amount field: digits, 1 … 2,147,483,647. */
function fen(fields: Fields, name: string): number {
  const v = fields[name];
  if (!/^\d{1,10}$/.test(v ?? '') || Number(v) < 1 || Number(v) > MAX_AMOUNT) throw new V2Refusal('PARAM_ERROR', `${name}参数格式错误`);
  return Number(v);
}

function checkAppid(ctx: V2Context): void {
  need(ctx.fields, 'appid');
  if (ctx.fields.appid.length > 32) throw new V2Refusal('PARAM_ERROR', 'appid参数格式错误');
}

async function run<T>(fn: () => Promise<T>, notFound: V2ErrCode): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw asRefusal(err, notFound);
    throw err;
  }
}

/** The trade types of `pay/unifiedorder` (reference §7). */
const V2_TRADE_TYPES = ['JSAPI', 'NATIVE', 'MWEB', 'APP'] as const;
type V2TradeType = (typeof V2_TRADE_TYPES)[number];

/** v2's `h5_info.type` (IOS, Android, Wap) as APIv3 spells it. */
const H5_TYPES: Record<string, 'iOS' | 'Android' | 'Wap'> = { IOS: 'iOS', iOS: 'iOS', Android: 'Android', Wap: 'Wap' };

/**
 * The `scene_info` of an MWEB order: a JSON text `{"h5_info":{"type":"Wap","wap_url":…,"wap_name":…}}`
 * (IOS: app_name, bundle_id; Android: app_name, package_name), as APIv3's `h5_info`.
 */
function v2H5Info(text: string | undefined): Record<string, string> {
  if (!text) throw new V2Refusal('PARAM_ERROR', `${V2_RETURN_MSG.LACK_PARAMS}：scene_info`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new V2Refusal('PARAM_ERROR', 'scene_info参数格式错误');
  }
  const info = typeof value === 'object' && value !== null ? (value as { h5_info?: unknown }).h5_info : undefined;
  if (typeof info !== 'object' || info === null || Array.isArray(info)) throw new V2Refusal('PARAM_ERROR', 'scene_info参数格式错误：缺少h5_info');
  const h5 = info as Record<string, unknown>;
  const type = typeof h5.type === 'string' ? H5_TYPES[h5.type] : undefined;
  if (!type) throw new V2Refusal('PARAM_ERROR', 'scene_info参数格式错误：h5_info.type应为IOS、Android或Wap');
  const out: Record<string, string> = { type };
  const names: [string, string][] = type === 'Wap' ? [['wap_name', 'app_name'], ['wap_url', 'app_url']] : [['app_name', 'app_name'], [type === 'iOS' ? 'bundle_id' : 'package_name', type === 'iOS' ? 'bundle_id' : 'package_name']];
  for (const [from, to] of names) {
    const v = h5[from];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') throw new V2Refusal('PARAM_ERROR', `scene_info参数格式错误：${from}`);
    out[to] = v;
  }
  return out;
}

/**
 * `pay/unifiedorder`: a JSAPI, NATIVE or MWEB (H5: `mweb_url`, the APIv3 h5_url the phone's
 * browser opens into the payment sheet) order in the shared store (re-entry as APIv3). APP needs a
 * mobile application's AppID: an Official Account's is refused as APIv3's `transactions/app` is.
 */
async function unifiedOrder(ctx: V2Context): Promise<Fields> {
  const f = ctx.fields;
  checkAppid(ctx);
  need(f, 'body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'notify_url', 'trade_type');
  if (!(V2_TRADE_TYPES as readonly string[]).includes(f.trade_type)) throw new V2Refusal('PARAM_ERROR', 'trade_type参数格式错误');
  const tradeType = f.trade_type as V2TradeType;
  if (tradeType === 'JSAPI' && !f.openid) throw new V2Refusal('PARAM_ERROR', 'JSAPI支付必须传openid');
  if (f.fee_type && f.fee_type !== 'CNY') throw new V2Refusal('PARAM_ERROR', 'fee_type参数格式错误');
  if (f.body.length > 128) throw new V2Refusal('PARAM_ERROR', 'body参数长度有误');
  const total = fen(f, 'total_fee');
  let timeExpire: string | undefined;
  if (f.time_expire) {
    const ms = parseV2Time(f.time_expire);
    if (ms === undefined) throw new V2Refusal('PARAM_ERROR', 'time_expire时间格式错误');
    if (ms < ctx.services.clock.nowMs() + 60_000) throw new V2Refusal('PARAM_ERROR', 'time_expire时间过短，刷卡至少1分钟，其他5分钟');
    timeExpire = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const value = {
    appid: f.appid,
    mchid: ctx.merchant.mchid,
    description: f.body.slice(0, 127),
    out_trade_no: f.out_trade_no,
    ...(timeExpire ? { time_expire: timeExpire } : {}),
    ...(f.attach ? { attach: f.attach } : {}),
    notify_url: f.notify_url,
    ...(f.goods_tag ? { goods_tag: f.goods_tag } : {}),
    amount: { total, currency: 'CNY' },
    scene_info: { payer_client_ip: f.spbill_create_ip, ...(tradeType === 'MWEB' ? { h5_info: v2H5Info(f.scene_info) } : {}) },
    ...(tradeType === 'JSAPI' ? { payer: { openid: f.openid } } : {}),
  };
  const placed = await run(async () => {
    // APP: the request is checked as any order, then refused: Herald's AppIDs are Official Accounts'.
    const req: OrderRequest = parseOrder(value, tradeType === 'APP' ? 'NATIVE' : tradeType);
    if (tradeType === 'APP') throw new V2Refusal('APPID_MCHID_NOT_MATCH');
    const answer = await placeOrder(ctx.services, ctx.merchant, req, 'v2');
    return { answer, order: await findOrder(ctx.services.db, ctx.merchant.id, { outTradeNo: req.out_trade_no }) };
  }, 'ORDERNOTEXIST');
  const { order, answer } = placed;
  if (!order) throw new V2Refusal('SYSTEMERROR');
  return {
    appid: f.appid,
    ...(f.device_info ? { device_info: f.device_info } : {}),
    trade_type: order.tradeType,
    prepay_id: order.prepayId,
    ...(order.tradeType === 'NATIVE' && order.codeUrlToken ? { code_url: `weixin://wxpay/bizpayurl?pr=${order.codeUrlToken}` } : {}),
    ...('h5_url' in answer ? { mweb_url: answer.h5_url } : {}),
  };
}

async function orderOf(ctx: V2Context): Promise<OrderRow> {
  const f = ctx.fields;
  if (!f.transaction_id && !f.out_trade_no) throw new V2Refusal('PARAM_ERROR', `${V2_RETURN_MSG.LACK_PARAMS}：transaction_id或out_trade_no`);
  const by = f.transaction_id ? { transactionId: f.transaction_id.slice(0, 64) } : { outTradeNo: f.out_trade_no.slice(0, 64) };
  const order = await findOrder(ctx.services.db, ctx.merchant.id, by);
  if (!order) throw new V2Refusal('ORDERNOTEXIST');
  if (f.appid && order.appid !== f.appid) throw new V2Refusal('ORDERNOTEXIST');
  return order;
}

/** `pay/orderquery`. */
async function orderQuery(ctx: V2Context): Promise<Fields> {
  checkAppid(ctx);
  const order = await orderOf(ctx);
  const t = presentTransaction(order, ctx.merchant.mchid);
  return { appid: order.appid, ...v2TradeFields(order), trade_state: order.tradeState, trade_state_desc: t.trade_state_desc, is_subscribe: 'N' };
}

/** `pay/closeorder`. */
async function closeOrderV2(ctx: V2Context): Promise<Fields> {
  checkAppid(ctx);
  need(ctx.fields, 'out_trade_no');
  await run(() => closeOrder(ctx.services, ctx.merchant, ctx.fields.out_trade_no.slice(0, 64)), 'ORDERNOTEXIST');
  return { appid: ctx.fields.appid, result_msg: 'OK' };
}

function refundFields(refund: RefundRow, order: OrderRow): Fields {
  return {
    transaction_id: order.transactionId ?? '',
    out_trade_no: order.outTradeNo,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_channel: '',
    refund_fee: String(refund.amount),
    settlement_refund_fee: String(refund.amount),
    total_fee: String(order.total),
    settlement_total_fee: String(order.total),
    fee_type: order.currency,
    cash_fee: String(order.total),
    cash_refund_fee: String(refund.amount),
  };
}

/** `secapi/pay/refund`: needs the merchant certificate (mutual TLS). */
async function refundV2(ctx: V2Context): Promise<Fields> {
  const cert = clientCertificate(ctx.request, ctx.services.config.pay.clientCertHeader);
  if (!cert || !certificateIsMerchants(cert, ctx.merchant)) throw new V2Fail(V2_RETURN_MSG.CERT_REQUIRED);
  const f = ctx.fields;
  checkAppid(ctx);
  need(f, 'out_refund_no', 'total_fee', 'refund_fee');
  if (f.refund_fee_type && f.refund_fee_type !== 'CNY') throw new V2Refusal('PARAM_ERROR', 'refund_fee_type参数格式错误');
  const value = {
    ...(f.transaction_id ? { transaction_id: f.transaction_id } : {}),
    ...(f.out_trade_no ? { out_trade_no: f.out_trade_no } : {}),
    out_refund_no: f.out_refund_no,
    ...(f.refund_desc ? { reason: f.refund_desc } : {}),
    ...(f.notify_url ? { notify_url: f.notify_url } : {}),
    amount: { refund: fen(f, 'refund_fee'), total: fen(f, 'total_fee'), currency: 'CNY' },
  };
  const target = f.transaction_id || f.out_trade_no ? await findOrder(ctx.services.db, ctx.merchant.id, f.transaction_id ? { transactionId: f.transaction_id.slice(0, 64) } : { outTradeNo: f.out_trade_no.slice(0, 64) }) : undefined;
  if (target && target.appid !== f.appid) throw new V2Refusal('APPID_MCHID_NOT_MATCH');
  const { refund, order } = await run(() => requestRefund(ctx.services, ctx.merchant, parseRefund(value), 'v2'), 'ORDERNOTEXIST');
  return { appid: order.appid, ...refundFields(refund, order) };
}

/** `pay/refundquery`: by refund_id, out_refund_no, transaction_id or out_trade_no (every refund of the order). */
async function refundQuery(ctx: V2Context): Promise<Fields> {
  checkAppid(ctx);
  const f = ctx.fields;
  await settleDueRefunds(ctx.services);
  let refunds: RefundRow[];
  let order: OrderRow | undefined;
  if (f.refund_id || f.out_refund_no) {
    const r = f.refund_id ? await findRefundById(ctx.services.db, ctx.merchant.id, f.refund_id.slice(0, 64)) : await findRefund(ctx.services.db, ctx.merchant.id, f.out_refund_no.slice(0, 64));
    order = r ? await findOrderById(ctx.services.db, r.orderId) : undefined;
    refunds = r ? [r] : [];
  } else {
    if (!f.transaction_id && !f.out_trade_no) throw new V2Refusal('PARAM_ERROR', `${V2_RETURN_MSG.LACK_PARAMS}：refund_id、out_refund_no、transaction_id或out_trade_no`);
    order = await findOrder(ctx.services.db, ctx.merchant.id, f.transaction_id ? { transactionId: f.transaction_id.slice(0, 64) } : { outTradeNo: f.out_trade_no.slice(0, 64) });
    refunds = order ? await refundsOfOrder(ctx.services.db, order.id) : [];
  }
  if (!order || refunds.length === 0) throw new V2Refusal('REFUNDNOTEXIST');
  const out: Fields = {
    appid: order.appid,
    transaction_id: order.transactionId ?? '',
    out_trade_no: order.outTradeNo,
    total_fee: String(order.total),
    settlement_total_fee: String(order.total),
    fee_type: order.currency,
    cash_fee: String(order.total),
    refund_count: String(refunds.length),
  };
  refunds.forEach((r, i) => {
    out[`out_refund_no_${i}`] = r.outRefundNo;
    out[`refund_id_${i}`] = r.refundId;
    out[`refund_channel_${i}`] = 'ORIGINAL';
    out[`refund_fee_${i}`] = String(r.amount);
    out[`settlement_refund_fee_${i}`] = String(r.amount);
    out[`refund_status_${i}`] = r.status;
    out[`refund_account_${i}`] = 'REFUND_SOURCE_RECHARGE_FUNDS';
    out[`refund_recv_accout_${i}`] = '支付用户零钱';
    if (r.successTime) out[`refund_success_time_${i}`] = v2Time(r.successTime.getTime()).replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3 $4:$5:$6');
  });
  return out;
}

/** `pay/downloadbill`: the day's trade bill as text (no XML, no sign) or a FAIL XML. */
async function downloadBill(ctx: V2Context, reply: FastifyReply): Promise<FastifyReply> {
  const f = ctx.fields;
  if (!f.appid || !f.bill_date) throw new V2Fail(V2_RETURN_MSG.LACK_PARAMS);
  const day = parseBillDate(f.bill_date, 'v2');
  if (!day) throw new V2Fail(V2_RETURN_MSG.BILL_DATE);
  const type = (f.bill_type || 'ALL') as TradeBillType;
  if (!TRADE_BILL_TYPES.includes(type)) throw new V2Fail(V2_RETURN_MSG.BILL_TYPE);
  if (f.tar_type && f.tar_type !== 'GZIP') throw new V2Fail('invalid tar_type');
  if (billAvailability(day, ctx.services.clock.nowMs()) !== 'ready') throw new V2Fail(V2_RETURN_MSG.NO_BILL);
  const text = await tradeBill(ctx.services.db, ctx.merchant, day, type);
  if (text === undefined) throw new V2Fail(V2_RETURN_MSG.NO_BILL);
  if (f.tar_type === 'GZIP') return reply.code(200).header('content-type', 'application/x-gzip').send(gzipSync(Buffer.from(text, 'utf8')));
  return reply.code(200).header('content-type', 'text/plain; charset=utf-8').send(Buffer.from(text, 'utf8'));
}

type Handler = (ctx: V2Context) => Promise<Fields>;

const APIS: Record<string, Handler | 'bill'> = {
  '/pay/unifiedorder': unifiedOrder,
  '/pay/orderquery': orderQuery,
  '/pay/closeorder': closeOrderV2,
  '/secapi/pay/refund': refundV2,
  '/pay/refundquery': refundQuery,
  '/pay/downloadbill': 'bill',
};

/** The v2 paths served (the API catalog lists them). */
export const V2_PATHS = Object.keys(APIS);

/** Registers the APIv2 paths (their own scope: answers are XML, never Herald's JSON errors). */
export async function registerPayV2Apis(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      if (err.statusCode === 413) return fail(reply, V2_RETURN_MSG.BODY_TOO_LARGE);
      if (err.statusCode && err.statusCode < 500) return fail(reply, V2_RETURN_MSG.XML_FORMAT_ERROR);
      services.log.error({ err, url: request.url }, 'unhandled error on a WeChat Pay APIv2 path');
      return fail(reply, V2_ERR.SYSTEMERROR);
    });
    for (const [url, api] of Object.entries(APIS)) {
      scope.route({
        method: ['GET', 'POST'],
        url,
        bodyLimit: V2_BODY_LIMIT,
        handler: async (request, reply) => {
          if (request.method !== 'POST') return fail(reply, V2_RETURN_MSG.REQUIRE_POST_METHOD);
          let signing: { merchant: MerchantRow; signType: V2SignType } | undefined;
          let fields: Fields = {};
          try {
            fields = readFields(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
            signing = await authenticate(services, fields);
            const ctx = { services, merchant: signing.merchant, fields, request };
            if (api === 'bill') return await downloadBill(ctx, reply);
            return answer(reply, signing, fields, await api(ctx));
          } catch (err) {
            if (err instanceof V2Fail) return fail(reply, err.message);
            if (err instanceof V2Refusal && signing) return answer(reply, signing, fields, { appid: fields.appid ?? '', result_code: 'FAIL', err_code: err.code, err_code_des: err.message });
            throw err;
          }
        },
      });
    }
  });
}

/** A signed SUCCESS answer (`result_code` SUCCESS unless the fields say FAIL), in the request's sign type. */
function answer(reply: FastifyReply, signing: { merchant: MerchantRow; signType: V2SignType }, req: Fields, fields: Fields): FastifyReply {
  const body: Fields = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    mch_id: signing.merchant.mchid,
    nonce_str: randomAlnum(16),
    result_code: 'SUCCESS',
    ...(req.sign_type ? { sign_type: signing.signType } : {}),
    ...fields,
  };
  const kept = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== ''));
  return xmlReply(reply, { ...kept, sign: v2Sign(kept, signing.merchant.apiV2Key ?? '', signing.signType) });
}
