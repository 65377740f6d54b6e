/**
 * WeChat's errcode table: the English errmsg texts SDKs and people see. Texts follow the
 * compatibility reference exactly where it has them; SDKs branch on errcode, some on text
 * (EasyWeChat retries only when a 42001 body contains "access_token expired").
 */
export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid meida size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40029: 'invalid code',
  40031: 'invalid openid list',
  40032: 'invalid openid list size',
  40033: 'invalid charset. please check your request, if include \\uxxxx will create fail!',
  40035: 'invalid args',
  40037: 'invalid template_id',
  40066: 'invalid url',
  40125: 'invalid appsecret',
  40164: 'invalid ip, not in whitelist',
  40243: 'AppSecret frozen',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43004: 'require subscribe',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  47001: 'data format error',
  48001: 'api unauthorized',
  48004: 'api forbidden for irregularities',
  48006: 'forbid to clear quota because of reaching the limit',
  76021: 'cgi_path not found, please check',
  76022: 'could not use this cgi_path,no permission',
};
ERRMSG[45011] = 'api minute-quota reach limit must slower retry next minute';

/** A WeChat business error: answered as HTTP 200 `{errcode, errmsg}` with the request id appended. */
export class WxError extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  /** Extra fields some errors carry (45065 carries msg_id). */
  readonly extra?: Record<string, unknown>;
  constructor(errcode: number, errmsg?: string, extra?: Record<string, unknown>) {
    const msg = errmsg ?? ERRMSG[errcode] ?? 'system error';
    super(`${errcode} ${msg}`);
    this.errcode = errcode;
    this.errmsg = msg;
    this.extra = extra;
  }
}

export const wxErr = (errcode: number, errmsg?: string, extra?: Record<string, unknown>) =>
  new WxError(errcode, errmsg, extra);
