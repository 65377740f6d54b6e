/**
 * The typed keys of 2023 category templates (commerce reference §5.2): a key's type is its name
 * without the trailing number (`thing1` → thing, `character_string3` → character_string) and each
 * type limits what its value may be. Keys of historical templates (`first`, `keyword1`, `remark`)
 * have no type. Pure.
 */

/** The value types WeChat documents, with the rule each value must pass. */
const HAN = '\\u3400-\\u9fff';
const RANGE = (one: string) => new RegExp(`^${one}(\\s*~\\s*${one})?$`, 'u');
const DATE = `(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{4}年\\d{1,2}月\\d{1,2}日)`;
const CLOCK = `([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?`;

const chars = (v: string) => [...v].length;

export const VALUE_TYPES = {
  /** ≤ 20 characters of anything. */
  thing: (v: string) => chars(v) <= 20,
  /** ≤ 32 digits, decimals allowed. */
  number: (v: string) => v.length <= 32 && /^[+-]?\d+(\.\d+)?$/.test(v),
  /** ≤ 32 letters. */
  letter: (v: string) => /^[A-Za-z]{1,32}$/.test(v),
  /** ≤ 5 symbols. */
  symbol: (v: string) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v),
  /** ≤ 32 digits, letters or symbols; no Chinese. */
  character_string: (v: string) => /^[\x21-\x7e]{1,32}$/.test(v),
  /** A 24-hour time, the date optional; a range with ~. */
  time: (v: string) => RANGE(`(${DATE}\\s*)?${CLOCK}`).test(v),
  /** A date, the time optional; a range with ~. */
  date: (v: string) => RANGE(`${DATE}(\\s*${CLOCK})?`).test(v),
  /** One currency symbol and up to 10 digits, decimals allowed, 元 optional at the end. */
  amount: (v: string) => /^[¥￥$€£]\d{1,10}(\.\d{1,2})?元?$/.test(v),
  /** ≤ 17 digits and symbols. */
  phone_number: (v: string) => /^[\d+\-() ]{1,17}$/.test(v),
  /** ≤ 8 letters and digits; the first and last may be Chinese. */
  car_number: (v: string) => chars(v) <= 8 && new RegExp(`^[${HAN}A-Za-z0-9][A-Za-z0-9]*[${HAN}A-Za-z0-9]?$`, 'u').test(v),
  /** ≤ 10 Chinese characters, or ≤ 20 letters. */
  name: (v: string) => new RegExp(`^[${HAN}·]{1,10}$`, 'u').test(v) || /^[A-Za-z][A-Za-z .'-]{0,19}$/.test(v),
  /** ≤ 5 Chinese characters only. */
  phrase: (v: string) => new RegExp(`^[${HAN}]{1,5}$`, 'u').test(v),
  /** ≤ 20 characters (values the platform approved). */
  const: (v: string) => chars(v) >= 1 && chars(v) <= 20,
} as const satisfies Record<string, (v: string) => boolean>;

export type ValueType = keyof typeof VALUE_TYPES;

/** The type of a category template's key, or undefined for an untyped (historical) key. */
export function typeOfKey(key: string): ValueType | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  if (!m) return undefined;
  return Object.hasOwn(VALUE_TYPES, m[1]) ? (m[1] as ValueType) : undefined;
}

/** Whether a value fits its key's type (untyped keys take any text). */
export function valueFits(key: string, value: string): boolean {
  const type = typeOfKey(key);
  if (!type) return true;
  return value.length > 0 && VALUE_TYPES[type](value);
}

/** What WeChat answers for a value that does not fit: 47003 with the key inside the text. */
export const invalidValueErrmsg = (key: string): string => `argument invalid! data.${key}.value invalid`;
