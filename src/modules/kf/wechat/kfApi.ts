import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { WxError } from '../../../protocol/errcodes.js';

/**
 * What the customer-service API routes share: both path prefixes, the errcode of each kf
 * domain error, and readers for loosely typed request fields.
 */

/**
 * The two prefixes SDKs use for the same kf APIs. WeChat documents kfaccount/kfsession/msgrecord
 * under /customservice/ and getkflist/getonlinekflist under /cgi-bin/customservice/; wechatpy
 * calls getkflist under /customservice/ and co-wechat-api's `prefix` puts it under /cgi-bin/.
 * Every kf API answers under both, so either spelling works.
 */
export function kfPaths(suffix: string): [string, string] {
  return [`/customservice/${suffix}`, `/cgi-bin/customservice/${suffix}`];
}

/**
 * errcodes of the kf domain errors. kfaccount/add and update answer the new customer-service
 * codes (65400–65417, the table of the current docs): 65404 for a kf_account that is not
 * "prefix@<the account's WeChat id>", 65403 for a nickname, 65405 at 100 accounts, 65406 for a
 * duplicate. An account without a WeChat id cannot have any kf_account bound to a WeChat id:
 * 65402 ("not bound to a WeChat id", reference §2) says so. The avatar upload keeps the legacy
 * 61457 (invalid file type), the only documented code for a bad avatar; 40009/44001 are the
 * generic image-size and empty-media codes. A session for an openid that does not follow the
 * account is 40003, WeChat's code for an openid that is not the account's follower.
 */
const KF_ERRCODES: Record<string, number> = {
  kf_account_no_wechat_id: 65402,
  kf_account_invalid: 65404,
  kf_nickname_invalid: 65403,
  kf_limit: 65405,
  kf_exists: 65406,
  kf_not_found: 65401,
  kf_worker_exists: 65407,
  kf_invite_duplicate: 65408,
  kf_invite_wx_invalid: 65409,
  kf_worker_limit: 65410,
  kf_invite_pending: 65411,
  kf_already_bound: 65412,
  kf_no_session: 65413,
  kf_session_other: 65414,
  kf_offline: 65415,
  kf_invalid_param: 65416,
  kf_avatar_type: 61457,
  kf_avatar_too_large: 40009,
  kf_avatar_empty: 44001,
  not_follower: 40003,
};

/** Runs a kf command and answers its DomainError with the matching WxError. */
export async function kfWx<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && KF_ERRCODES[err.code] !== undefined) throw new WxError(KF_ERRCODES[err.code]);
    throw err;
  }
}

/** A JSON object body; any other JSON value is 47001. Fields are checked by each API. */
export const KfBody = z.record(z.string(), z.unknown());
export type KfBody = z.infer<typeof KfBody>;

/** JSON bodies of kf APIs are tiny; anything larger is refused before parsing. */
export const KF_MAX_BODY = 16 * 1024;

/**
 * A kf_account to look up: a non-empty string of sane length without control characters, else
 * 65401 (no kf account can be named so; PostgreSQL text cannot even hold a NUL).
 */
export function kfAccountParam(v: unknown): string {
  if (typeof v !== 'string' || !/^[^\u0000-\u001f\u007f]{1,64}$/.test(v)) throw new WxError(65401);
  return v;
}

/** A non-negative integer given as a JSON number or a decimal string; undefined otherwise. */
export function intParam(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  return undefined;
}

/** An optional text field: absent, or a string without NUL characters (else 65416). */
export function optionalText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.includes('\u0000')) throw new WxError(65416);
  return v;
}
