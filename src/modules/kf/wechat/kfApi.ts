import { z } from 'zod';
import { refusal } from '../../../protocol/errcodes.js';

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
  if (typeof v !== 'string' || !/^[^\u0000-\u001f\u007f]{1,64}$/.test(v)) throw refusal(65401);
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
  if (typeof v !== 'string' || v.includes('\u0000')) throw refusal(65416);
  return v;
}
