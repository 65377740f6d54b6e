/**
 * WeChat Pay APIv2 (the legacy XML protocol, reference §7): the MD5 and HMAC-SHA256 signatures
 * with the APIv2 key, the `return_code`/`result_code`/`err_code` answer shapes and their texts,
 * `yyyyMMddHHmmss` times in China time, and the refund notification's `req_info`
 * (AES-256-ECB/PKCS7 under the lowercase hex MD5 of the APIv2 key). Pure.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type V2SignType = 'MD5' | 'HMAC-SHA256';

/** The string both algorithms sign: non-empty params but `sign`, sorted by key (ASCII), `k=v&…&key=KEY`. */
export function v2SignString(params: Record<string, string | undefined>, key: string): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${params[k]}`);
  return `${pairs.join('&')}&key=${key}`;
}

/** The `sign` of a parameter set: uppercase hex MD5, or HMAC-SHA256 keyed with the APIv2 key. */
export function v2Sign(params: Record<string, string | undefined>, key: string, type: V2SignType = 'MD5'): string {
  const text = v2SignString(params, key);
  const digest = type === 'MD5' ? createHash('md5').update(text, 'utf8') : createHmac('sha256', key).update(text, 'utf8');
  return digest.digest('hex').toUpperCase();
}

/** Whether `params.sign` is right under `type` (compared in constant time, case-insensitively). */
export function v2Verify(params: Record<string, string | undefined>, key: string, type: V2SignType): boolean {
  const given = params.sign;
  if (typeof given !== 'string' || given.length === 0) return false;
  const want = Buffer.from(v2Sign(params, key, type));
  const got = Buffer.from(given.toUpperCase());
  return want.length === got.length && timingSafeEqual(want, got);
}

/** A request's sign_type: MD5 when absent; undefined when it names another algorithm. */
export function v2SignTypeOf(value: string | undefined): V2SignType | undefined {
  if (value === undefined || value === '' || value === 'MD5') return 'MD5';
  return value === 'HMAC-SHA256' ? 'HMAC-SHA256' : undefined;
}

/**
 * The business refusals (`result_code` FAIL) with their `err_code_des` texts, and the
 * transport refusals (`return_code` FAIL) with their `return_msg` texts.
 */
export const V2_ERR = {
  ORDERPAID: '该订单已支付',
  ORDERCLOSED: '订单已关闭',
  SYSTEMERROR: '系统错误',
  APPID_NOT_EXIST: 'APPID不存在',
  MCHID_NOT_EXIST: 'MCHID不存在',
  APPID_MCHID_NOT_MATCH: 'appid和mch_id不匹配',
  OUT_TRADE_NO_USED: '商户订单号重复',
  PARAM_ERROR: '参数错误',
  INVALID_REQUEST: '参数错误',
  ORDERNOTEXIST: '订单不存在',
  REFUNDNOTEXIST: '退款订单查询失败',
  NOTENOUGH: '余额不足',
  NOAUTH: '商户无此接口权限',
  INVALID_TRANSACTIONID: '无效transaction_id',
  USER_ACCOUNT_ABNORMAL: '退款请求失败',
  ERROR: '业务错误',
} as const;
export type V2ErrCode = keyof typeof V2_ERR;

export const V2_RETURN_MSG = {
  SIGNERROR: '签名错误',
  LACK_PARAMS: '缺少参数',
  XML_FORMAT_ERROR: 'XML格式错误',
  POST_DATA_EMPTY: 'post数据为空',
  REQUIRE_POST_METHOD: '请使用post方法',
  MCHID_NOT_EXIST: 'mch_id参数格式错误',
  CERT_REQUIRED: '证书错误',
  BODY_TOO_LARGE: '请求数据过大',
  NOT_UTF8: '编码格式错误',
  SIGN_TYPE: 'sign_type参数格式错误',
  NO_BILL: 'No Bill Exist',
  BILL_DATE: 'invalid bill_date',
  BILL_TYPE: 'invalid bill_type',
} as const;

const CHINA_MS = 8 * 3600 * 1000;

/** `yyyyMMddHHmmss` in China time. */
export function v2Time(ms: number): string {
  return new Date(ms + CHINA_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A `yyyyMMddHHmmss` China time as Unix ms; undefined when it is not one. */
export function parseV2Time(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  if (Number.isNaN(ms) || v2Time(ms) !== text) return undefined;
  return ms;
}

/** The AES-256-ECB key of `req_info`: the lowercase hex MD5 of the APIv2 key (32 ASCII bytes). */
function reqInfoKey(apiV2Key: string): Buffer {
  return Buffer.from(createHash('md5').update(apiV2Key, 'utf8').digest('hex'), 'ascii');
}

/** Encrypts a refund notification's `req_info` (Base64 of AES-256-ECB/PKCS7). */
export function encryptReqInfo(plainXml: string, apiV2Key: string): string {
  const c = createCipheriv('aes-256-ecb', reqInfoKey(apiV2Key), null);
  return Buffer.concat([c.update(plainXml, 'utf8'), c.final()]).toString('base64');
}

/** Decrypts a `req_info` (what a merchant does; tests use it). */
export function decryptReqInfo(b64: string, apiV2Key: string): string {
  const d = createDecipheriv('aes-256-ecb', reqInfoKey(apiV2Key), null);
  return Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]).toString('utf8');
}

/** Whether a merchant's answer to a v2 notification accepts it: `<return_code>SUCCESS</return_code>`. */
export function isV2Accepted(status: number, returnCode: string | undefined): boolean {
  return status === 200 && returnCode?.trim().toUpperCase() === 'SUCCESS';
}
