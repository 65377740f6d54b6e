/**
 * WeChat Pay's refusals (reference §6.2): each code's HTTP status, default message and the
 * internal code the Request-ID ends with. Commands throw `payError(code, …)`, a DomainError
 * whose code is WeChat Pay's; the /v3 kit answers `{code, message, detail?}` with the status.
 */
import { DomainError } from '../../../platform/errors.js';

interface PayCode {
  status: number;
  message: string;
  /** The suffix of Request-ID (after the last `-`); 0 when the reference names none. */
  internal: number;
}

export const PAY_CODES = {
  PARAM_ERROR: { status: 400, message: '参数错误', internal: 268435458 },
  INVALID_REQUEST: { status: 400, message: '无效请求', internal: 268498688 },
  APPID_MCHID_NOT_MATCH: { status: 400, message: 'appid和mch_id不匹配', internal: 268445527 },
  MCH_NOT_EXISTS: { status: 400, message: '商户号不存在', internal: 268435459 },
  ORDER_CLOSED: { status: 400, message: '订单已关闭', internal: 268447914 },
  ORDERPAID: { status: 400, message: '订单已支付', internal: 268449538 },
  SIGN_ERROR: { status: 401, message: '签名错误，请检查后再试', internal: 268443699 },
  NO_AUTH: { status: 403, message: '商户无权限', internal: 268435460 },
  OUT_TRADE_NO_USED: { status: 403, message: '商户订单号重复', internal: 268435461 },
  NOT_ENOUGH: { status: 403, message: '余额不足', internal: 268435462 },
  RULE_LIMIT: { status: 403, message: '业务规则限制', internal: 0 },
  TRADE_ERROR: { status: 403, message: '交易错误', internal: 0 },
  ACCOUNT_ERROR: { status: 403, message: '账号异常', internal: 0 },
  ORDER_NOT_EXIST: { status: 404, message: '订单不存在', internal: 268512771 },
  RESOURCE_NOT_EXISTS: { status: 404, message: '资源不存在', internal: 268512772 },
  NOT_FOUND: { status: 404, message: '请求的资源不存在', internal: 268512773 },
  NO_STATEMENT_EXIST: { status: 400, message: '账单文件不存在', internal: 0 },
  STATEMENT_CREATING: { status: 400, message: '账单生成中', internal: 0 },
  FREQUENCY_LIMITED: { status: 429, message: '频率超限', internal: 268447840 },
  SYSTEM_ERROR: { status: 500, message: '系统错误', internal: 268435457 },
  BANK_ERROR: { status: 500, message: '银行系统异常', internal: 0 },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务不可用', internal: 0 },
} as const satisfies Record<string, PayCode>;

export type PayCodeName = keyof typeof PAY_CODES;

/** Whether a DomainError's code is one of WeChat Pay's. */
export function isPayCode(code: string): code is PayCodeName {
  return Object.hasOwn(PAY_CODES, code);
}

/** A WeChat Pay refusal: its code, a message (the code's own unless given), an optional `detail`. */
export function payError(code: PayCodeName, message?: string, detail?: Record<string, unknown>): DomainError {
  return new DomainError(code, message ?? PAY_CODES[code].message, detail ? { detail } : undefined);
}

/** PARAM_ERROR naming the field (`/amount/total`) as WeChat's detail does. */
export function paramError(field: string, issue: string, message?: string): DomainError {
  return payError('PARAM_ERROR', message ?? `参数错误：${field} ${issue}`, { field, location: 'body', issue });
}

/** The codes the simulator may make the next orders answer (reference §6.2). */
export const INJECTABLE_ORDER_CODES = ['SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'BANK_ERROR', 'SERVICE_UNAVAILABLE', 'RULE_LIMIT', 'TRADE_ERROR', 'ACCOUNT_ERROR', 'NO_AUTH', 'NOT_ENOUGH', 'INVALID_REQUEST', 'PARAM_ERROR'] as const satisfies readonly PayCodeName[];
