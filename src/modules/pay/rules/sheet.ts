/**
 * The payer's side, pure (reference §2.2): the JSAPI front-end parameters a page hands to
 * `getBrandWCPayRequest` / `chooseWXPay`, the paySign message, the errMsg texts a page receives,
 * the six-digit payment password and the wallet's defaults.
 */
import { rsaVerify } from './crypto.js';

/** The four-line message paySign signs (APIv3): appId, timeStamp, nonceStr, package, each `\n`-terminated. */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

/** The JSAPI parameters as a page passes them (chooseWXPay's `timestamp` is lowercase). */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** The prepay_id of a `package` (`prepay_id=wx…`), or null. */
export function prepayIdOfPackage(pkg: string): string | null {
  const m = /^prepay_id=(wx[0-9A-Za-z]{1,62})$/.exec(pkg);
  return m ? m[1] : null;
}

/** Whether paySign is the merchant key's SHA256withRSA over the four lines (signType RSA). */
export function verifyPaySign(p: JsapiPayParams, merchantPublicKeyPem: string): boolean {
  if (p.signType !== 'RSA') return false;
  return rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, merchantPublicKeyPem);
}

/** The API a page called: the bridge's getBrandWCPayRequest or jweixin's chooseWXPay. */
export type PayApi = 'getBrandWCPayRequest' | 'chooseWXPay';

/** The errMsg a page receives (reference §2.2: `get_brand_wcpay_request:ok|cancel|fail`). */
export function payErrMsg(api: PayApi, result: 'ok' | 'cancel' | 'fail'): string {
  return api === 'getBrandWCPayRequest' ? `get_brand_wcpay_request:${result}` : `chooseWXPay:${result}`;
}

/** A payment password: six digits. */
export const PIN_PATTERN = /^\d{6}$/;

/** How long a password stays locked after too many wrong attempts (WeChat asks to wait hours). */
export const PIN_LOCK_MS = 3 * 3600 * 1000;

/** What a new simulated wallet holds: ¥1,000.00 in 零钱 and one debit card. */
export const NEW_WALLET_BALANCE = 100_000;
export const NEW_WALLET_CARD = { bank: '招商银行', kind: 'debit', bankType: 'CMB_DEBIT' } as const;

/** The largest balance a wallet may hold after a top-up (¥1,000,000.00). */
export const MAX_WALLET_BALANCE = 100_000_000;

/** bank_type of a payment from 零钱 (reference §3.2). */
export const BALANCE_BANK_TYPE = 'OTHERS';

/**
 * The h5_url of an H5 order (reference §2.3): WeChat's checkmweb page with the prepay_id and a
 * package; valid 5 minutes; only works outside WeChat.
 */
export const H5_TTL_MS = 5 * 60 * 1000;
export function h5UrlOf(prepayId: string, pkg: string): string {
  return `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${prepayId}&package=${pkg}`;
}

/** The prepay_id of an h5_url (the phone opens it), or null. */
export function prepayIdOfH5Url(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.host !== 'wx.tenpay.com' || u.pathname !== '/cgi-bin/mmpayweb-bin/checkmweb') return null;
  const id = u.searchParams.get('prepay_id') ?? '';
  return /^wx[0-9A-Za-z]{1,62}$/.test(id) ? id : null;
}
