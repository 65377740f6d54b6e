/**
 * The identifiers WeChat Pay mints, shaped as the real ones (reference §2, §3.2, §5.1): mchid,
 * prepay_id, transaction_id, refund_id, code_url, the public key id, Request-ID. Pure (random
 * and the instant given).
 */
import { randomBytes } from 'node:crypto';
import { randomAlnum, randomDigits } from './crypto.js';

const CHINA_MS = 8 * 3600 * 1000;
/** yyyyMMddHHmmss in China time. */
function chinaStamp(ms: number): string {
  return new Date(ms + CHINA_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A 10-digit merchant number (real ones start with 1). */
export const newMchid = () => `16${randomDigits(8)}`;
/** `wx` + yyyyMMddHHmmss + 20 hex characters (valid 2 hours). */
export const newPrepayId = (ms: number) => `wx${chinaStamp(ms)}${randomBytes(10).toString('hex')}`;
/** 28 digits starting `42000`, with the China date inside as real ones have. */
export const newTransactionId = (ms: number) => `42000${randomDigits(5)}${chinaStamp(ms).slice(0, 8)}${randomDigits(10)}`;
/** 29 digits starting `50`. */
export const newRefundId = (ms: number) => `50${randomDigits(8)}${chinaStamp(ms).slice(0, 8)}${randomDigits(11)}`;
/** The `pr` code of a Native code_url. */
export const newCodeUrlToken = () => randomAlnum(10);
/** The code_url a Native order answers (the phone's scanner resolves it). */
export const codeUrlOf = (token: string) => `weixin://wxpay/bizpayurl?pr=${token}`;
/** The `pr` of a code_url, if it is one. */
export function codeUrlToken(url: string): string | null {
  const m = /^weixin:\/\/wxpay\/bizpayurl\?pr=([A-Za-z0-9]{1,32})$/.exec(url);
  return m ? m[1] : null;
}
/** WeChat Pay public key id: `PUB_KEY_ID_` + 34 digits. */
export const newPublicKeyId = () => `PUB_KEY_ID_${randomDigits(34)}`;
/**
 * A certificate serial: 40 uppercase hex characters. The first byte is kept in 0x10-0x7F so the
 * DER integer needs no sign byte and no leading zero is dropped when a certificate is read back.
 */
export function newSerial(): string {
  const b = randomBytes(20);
  b[0] = 0x10 + (b[0] % 0x70);
  return b.toString('hex').toUpperCase();
}
/** A key of 32 letters and digits (APIv3, APIv2). */
export const newApiKey = () => randomAlnum(32);
/** `Request-ID`: hex, then `-` and the internal code (0 = ok). */
export const newRequestId = (internal: number) => `${randomBytes(18).toString('hex').toUpperCase()}-${internal}`;
/** A response nonce: 32 hex characters. */
export const newResponseNonce = () => randomBytes(16).toString('hex');

/** RFC3339 in China time: `2023-05-06T15:17:31+08:00`. */
export function rfc3339China(ms: number): string {
  return `${new Date(ms + CHINA_MS).toISOString().slice(0, 19)}+08:00`;
}
