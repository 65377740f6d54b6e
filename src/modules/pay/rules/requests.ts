/**
 * The request bodies of the served /v3 APIs (reference §2.1, §5.1), validated as WeChat Pay
 * does: unknown keys and `null` refused, 4-byte UTF-8 characters refused, the doc's lengths, and
 * PARAM_ERROR naming the first field that is wrong (`/amount/total`). Pure.
 */
import { z } from 'zod';
import { paramError, payError } from './errors.js';

/** The largest amount in fen an order or refund may carry (a 32-bit integer: ¥21,474,836.47). */
export const MAX_AMOUNT = 2_147_483_647;

const str = (max: number, min = 1) => z.string().min(min).max(max);
const amountInt = z.number().int().min(1).max(MAX_AMOUNT);

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

const goodsDetail = z.strictObject({
  merchant_goods_id: str(32),
  wechatpay_goods_id: str(32).optional(),
  goods_name: str(256).optional(),
  quantity: z.number().int().min(1).max(MAX_AMOUNT),
  unit_price: z.number().int().min(0).max(MAX_AMOUNT),
});

const orderBase = {
  appid: str(32),
  mchid: str(32),
  description: str(127),
  out_trade_no: z.string().regex(OUT_TRADE_NO, 'must be 6-32 letters, digits or _-|*'),
  time_expire: str(64).optional(),
  attach: str(128).optional(),
  notify_url: str(255),
  goods_tag: str(32).optional(),
  support_fapiao: z.boolean().optional(),
  amount: z.strictObject({ total: amountInt, currency: z.literal('CNY').optional() }),
  detail: z.strictObject({ cost_price: z.number().int().min(0).max(MAX_AMOUNT).optional(), invoice_id: str(32).optional(), goods_detail: z.array(goodsDetail).max(100).optional() }).optional(),
  scene_info: z.strictObject({
    payer_client_ip: str(45),
    device_id: str(32).optional(),
    store_info: z.strictObject({ id: str(32), name: str(256).optional(), area_code: str(32).optional(), address: str(512).optional() }).optional(),
  }).optional(),
  settle_info: z.strictObject({ profit_sharing: z.boolean().optional() }).optional(),
};

const jsapiOrder = z.strictObject({ ...orderBase, payer: z.strictObject({ openid: str(128) }) });
const nativeOrder = z.strictObject({ ...orderBase });
/** H5 (reference §2.3): scene_info is required, with the payer's IP and h5_info. */
const h5Order = z.strictObject({
  ...orderBase,
  scene_info: z.strictObject({
    payer_client_ip: str(45),
    device_id: str(32).optional(),
    store_info: z.strictObject({ id: str(32), name: str(256).optional(), area_code: str(32).optional(), address: str(512).optional() }).optional(),
    h5_info: z.strictObject({
      type: z.enum(['Wap', 'iOS', 'Android']),
      app_name: str(64).optional(),
      app_url: str(128).optional(),
      bundle_id: str(128).optional(),
      package_name: str(128).optional(),
    }),
  }),
});

export type JsapiOrder = z.infer<typeof jsapiOrder>;
export type NativeOrder = z.infer<typeof nativeOrder>;
export type H5Order = z.infer<typeof h5Order>;
export type OrderRequest = (JsapiOrder & { trade_type: 'JSAPI' }) | (NativeOrder & { trade_type: 'NATIVE' }) | (H5Order & { trade_type: 'MWEB' });

const refundRequest = z.strictObject({
  transaction_id: str(32).optional(),
  out_trade_no: str(32).optional(),
  out_refund_no: z.string().regex(OUT_REFUND_NO, 'must be 1-64 letters, digits or _-|*@'),
  reason: str(80).optional(),
  notify_url: str(256).optional(),
  funds_account: z.enum(['AVAILABLE', 'UNSETTLED']).optional(),
  amount: z.strictObject({
    refund: amountInt,
    total: amountInt,
    currency: z.literal('CNY'),
    from: z.array(z.strictObject({ account: z.enum(['AVAILABLE', 'UNAVAILABLE']), amount: amountInt })).max(10).optional(),
  }),
  goods_detail: z.array(z.strictObject({
    merchant_goods_id: str(32),
    wechatpay_goods_id: str(32).optional(),
    goods_name: str(256).optional(),
    unit_price: z.number().int().min(0).max(MAX_AMOUNT),
    refund_amount: z.number().int().min(0).max(MAX_AMOUNT),
    refund_quantity: z.number().int().min(1).max(MAX_AMOUNT),
  })).max(100).optional(),
});
export type RefundRequest = z.infer<typeof refundRequest>;

const closeRequest = z.strictObject({ mchid: str(32) });

/** Parses a request body as WeChat Pay does: JSON, no null, no 4-byte characters. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') throw payError('PARAM_ERROR', '解析 Json 出错：请求体为空', { location: 'body', issue: 'empty body' });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw payError('PARAM_ERROR', `解析 Json 出错：${(err as Error).message.slice(0, 120)}`, { location: 'body', issue: 'malformed JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw payError('PARAM_ERROR', '解析 Json 出错：请求体须为 JSON 对象', { location: 'body' });
  checkValues(value, '');
  return value;
}

function checkValues(value: unknown, at: string): void {
  if (value === null) throw paramError(at || '/', 'null is not allowed (omit the key)');
  if (typeof value === 'string') {
    if (/[\u{10000}-\u{10FFFF}]/u.test(value)) throw paramError(at, 'characters outside 1-3 byte UTF-8 (emoji ...) are not allowed');
    if (/[\uD800-\uDFFF]/.test(value.replace(/[\u{10000}-\u{10FFFF}]/gu, ''))) throw paramError(at, 'is not valid Unicode');
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkValues(v, `${at}/${i}`));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value as object)) checkValues(v, `${at}/${k}`);
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = `/${issue.path.map(String).join('/')}`;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    throw paramError(`${field === '/' ? '' : field}/${key}`, 'is not a known field', '非法的额外参数');
  }
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  throw paramError(field, missing ? 'is required' : issue.message, missing ? `输入源“/body${field}”映射到字段必填性规则校验失败，此字段为必填项` : undefined);
}

/** A JSAPI or Native order body, validated. */
export function parseOrder(value: unknown, tradeType: 'JSAPI' | 'NATIVE' | 'MWEB'): OrderRequest {
  if (tradeType === 'MWEB') {
    const v = value as { scene_info?: { h5_info?: unknown } };
    if (typeof value === 'object' && value !== null && v.scene_info === undefined) throw paramError('/scene_info', 'is required', '输入源“/body/scene_info”映射到字段“场景信息”必填性规则校验失败，此字段为必填项');
    if (typeof v.scene_info === 'object' && v.scene_info !== null && v.scene_info.h5_info === undefined) throw paramError('/scene_info/h5_info', 'is required', '输入源“/body/scene_info/h5_info”映射到字段“H5场景信息”必填性规则校验失败，此字段为必填项');
    return { ...check(h5Order, value), trade_type: 'MWEB' };
  }
  if (tradeType === 'JSAPI') {
    const v = value as { payer?: unknown };
    if (typeof value === 'object' && value !== null && v.payer === undefined) throw paramError('/payer/openid', 'is required', 'JSAPI支付必须传openid');
    return { ...check(jsapiOrder, value), trade_type: 'JSAPI' };
  }
  return { ...check(nativeOrder, value), trade_type: 'NATIVE' };
}

/** A refund body, validated; one of transaction_id and out_trade_no is required. */
export function parseRefund(value: unknown): RefundRequest {
  const r = check(refundRequest, value);
  if (!r.transaction_id && !r.out_trade_no) throw paramError('/out_trade_no', 'transaction_id or out_trade_no is required', '商户订单号和微信支付订单号不能都为空');
  return r;
}

/** The close body: `{mchid}`. */
export function parseClose(value: unknown): { mchid: string } {
  return check(closeRequest, value);
}

/** JSON with keys sorted at every level: two requests are the same when these are equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An order's payment deadline: time_expire clamped to [now + 1 min, now + 90 days]; 7 days without one. */
export function paymentDeadline(timeExpire: string | undefined, nowMs: number): number {
  const DAY = 86_400_000;
  if (timeExpire === undefined) return nowMs + 7 * DAY;
  const m = RFC3339.exec(timeExpire);
  const ms = m ? Date.parse(timeExpire) : Number.NaN;
  if (!m || Number.isNaN(ms)) throw paramError('/time_expire', 'must be RFC3339, e.g. 2018-06-08T10:34:56+08:00', '时间格式错误：time_expire');
  return Math.min(Math.max(ms, nowMs + 60_000), nowMs + 90 * DAY);
}

/** A notify URL: an absolute http(s) URL without a query string (https only in platform mode). */
export function checkNotifyUrl(url: string, field: string, httpsOnly: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw paramError(field, 'is not an absolute URL', `${field.slice(1)}格式错误`);
  }
  const okScheme = parsed.protocol === 'https:' || (!httpsOnly && parsed.protocol === 'http:');
  if (!okScheme) throw paramError(field, httpsOnly ? 'must be https' : 'must be http or https', `${field.slice(1)}必须以https://开头`);
  if (parsed.search !== '' || url.includes('?')) throw paramError(field, 'must not carry a query string', `${field.slice(1)}不能携带参数`);
}
