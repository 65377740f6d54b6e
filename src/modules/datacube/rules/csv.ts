/**
 * CSV as spreadsheets open it (RFC 4180): a UTF-8 byte order mark so Excel reads Chinese text,
 * CRLF line ends, fields quoted when they hold a comma, quote or line break (quotes doubled).
 * A text field starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`
 * so a spreadsheet shows it as text instead of running it as a formula (OWASP's CSV injection
 * advice); numbers are written as they are. Pure.
 */

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Control characters other than tab, line feed and carriage return: dropped. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** One field: numbers as they are, text neutralised and quoted when needed. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value.replace(CONTROL, '');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the BOM, the header row, then one line per row, each ended by CRLF. */
export function csvOf(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = [columns, ...rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.map((l) => `${l}\r\n`).join('')}`;
}
