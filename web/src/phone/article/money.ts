/** Amounts in fen (1/100 yuan), as WeChat Pay counts them. */

/** ¥5.00 */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** Reads "12", "12.5" or "12.50" (yuan) as fen; null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
