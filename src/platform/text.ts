/**
 * Text rules every surface shares: what a stored or sent string may contain, and how people
 * count characters. One place, so the WeChat API, the console, the phone and the simulator
 * refuse the same strings.
 */

/** Characters as a person counts them (code points, so an emoji is one). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Characters XML 1.0 cannot carry (C0 controls except tab, newline and carriage return, and the
 * non-characters U+FFFE and U+FFFF): text that goes into a push message or a passive reply.
 */
export const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * Control characters in multi-line text (tab, newline and carriage return allowed; DEL
 * refused). U+0000 in particular: PostgreSQL text cannot store it.
 */
export const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Control characters in single-line text (names, keys): every C0 control and DEL. */
export const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;

/** A UTF-16 surrogate without its pair (JSON can encode one; PostgreSQL and XML cannot carry it). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
