import { createHash } from 'node:crypto';

/**
 * The JS-SDK signature (reference §11, commerce §2.3): sha1 over
 * `jsapi_ticket=T&noncestr=N&timestamp=TS&url=U`, keys lowercase in ASCII order, raw values,
 * the url without its `#` fragment. Pure.
 */
export function jsapiSignature(input: { ticket: string; noncestr: string; timestamp: string | number; url: string }): string {
  const text = `jsapi_ticket=${input.ticket}&noncestr=${input.noncestr}&timestamp=${input.timestamp}&url=${pageUrl(input.url)}`;
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** The page URL a signature covers: everything before the first `#`. */
export function pageUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * The card signature: sha1 of the values sorted as strings and joined with no separator
 * (api_ticket, card_id, timestamp, code, openid, nonce_str; empty ones left out).
 */
export function cardSignature(values: readonly string[]): string {
  const sorted = values.filter((v) => v !== '').sort();
  return createHash('sha1').update(sorted.join(''), 'utf8').digest('hex');
}
