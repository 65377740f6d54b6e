import { ERRMSG, WxError } from '../../protocol/errcodes.js';

/**
 * A WxError pointing at the offending field, in the ` hint: [data.<path>]` form the API kit uses
 * for body problems, so a developer sees which button or openid WeChat's errcode is about.
 */
export function wxErrorAt(errcode: number, at: string): WxError {
  const text = ERRMSG[errcode] ?? 'system error';
  return new WxError(errcode, at ? `${text} hint: [data.${at}]` : text);
}
