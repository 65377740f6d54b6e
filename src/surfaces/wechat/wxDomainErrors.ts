import { DomainError } from '../../platform/errors.js';
import { WxError } from '../../protocol/errcodes.js';

/**
 * errcodes for the domain errors the token, quota and whitelist commands raise. One table, so
 * each WeChat route rethrows a command's DomainError the same way.
 *
 * stable_token's force_refresh limits: the daily limit (20) answers 45009 as every other daily
 * limit does; calls less than 30 s apart answer 45011, WeChat's "too frequent, retry later" code.
 */
const ERRCODES: Record<string, number> = {
  appid_missing: 41002,
  secret_missing: 41004,
  invalid_grant_type: 40002,
  invalid_appid: 40013,
  invalid_secret: 40125,
  ip_not_whitelisted: 40164,
  quota_exceeded: 45009,
  force_refresh_daily_limit: 45009,
  force_refresh_too_frequent: 45011,
  quota_clear_limit: 48006,
};

/** The 40164 text WeChat sends: the IPv4 address and its IPv4-mapped IPv6 form. */
export function ipNotWhitelistedMessage(ip: string): string {
  const v6 = ip.includes(':') ? ip : `::ffff:${ip}`;
  return `invalid ip ${ip} ipv6 ${v6}, not in whitelist`;
}

/** Turns a known DomainError into its WxError; anything else is returned unchanged. */
export function asWxError(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  const code = ERRCODES[err.code];
  if (code === undefined) return err;
  if (code === 40164) return new WxError(code, ipNotWhitelistedMessage(String(err.details?.ip ?? '')));
  return new WxError(code);
}

/** Runs a command and rethrows its DomainError as the matching WxError. */
export async function wx<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw asWxError(err);
  }
}
