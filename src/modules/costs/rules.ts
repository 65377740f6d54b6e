/**
 * The costs page's words and arithmetic: the fee types, one line per fee, totals, API charges and
 * the CSV file. Pure: no I/O.
 */
import { chinaMonth } from '../../platform/clock.js';
import { csvOf } from '../datacube/rules/csv.js';

/**
 * Fee types, in the order the page and the platform's revenue list them: 微信认证, 年审, account
 * migration, API charges, WeChat Pay transaction fees (手续费). A fee source registered with the
 * costs module (ports.ts) may add its own type.
 */
export const FEE_KINDS = ['verification', 'renewal', 'migration', 'api', 'pay_fee'] as const;

/** paid | due (invoiced, not paid) | upcoming (to pay by a date: a renewal before the end) */
export type FeeStatus = 'paid' | 'due' | 'upcoming';

/** One fee an organization paid or owes. */
export interface FeeLine {
  kind: string;
  appid: string;
  accountName: string;
  /** What it is for, in a few words (an invoice's subject, a month, a merchant). */
  detail: string;
  amountFen: number;
  status: FeeStatus;
  /** When it was paid, or by when it is to be paid. */
  at: Date;
  invoiceNo: string | null;
}

/** Sums of fee lines by status. */
export interface FeeTotals {
  paidFen: number;
  dueFen: number;
  upcomingFen: number;
}

/** Totals of the lines, by status. */
export function totalsOf(lines: readonly FeeLine[]): FeeTotals {
  const t: FeeTotals = { paidFen: 0, dueFen: 0, upcomingFen: 0 };
  for (const l of lines) {
    if (l.status === 'paid') t.paidFen += l.amountFen;
    else if (l.status === 'due') t.dueFen += l.amountFen;
    else t.upcomingFen += l.amountFen;
  }
  return t;
}

/** Totals by fee type: the known types first in their order (even when empty), then any other. */
export function totalsByKind(lines: readonly FeeLine[]): Array<{ kind: string; count: number } & FeeTotals> {
  const kinds = [...FEE_KINDS, ...new Set(lines.map((l) => l.kind).filter((k) => !(FEE_KINDS as readonly string[]).includes(k)))];
  return kinds.map((kind) => {
    const of = lines.filter((l) => l.kind === kind);
    return { kind, count: of.length, ...totalsOf(of) };
  });
}

/**
 * What a month's API calls cost at the configured rate: fen per 1,000 calls, rounded up to the
 * fen. WeChat charges nothing per call (governance §8), so the default rate 0 costs nothing.
 */
export function apiCharge(calls: number, fenPer1000Calls: number): number {
  if (fenPer1000Calls <= 0 || calls <= 0) return 0;
  return Math.ceil((calls * fenPer1000Calls) / 1000);
}

/** Fen as yuan with two decimals (30000 → "300.00"). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Newest first; for the same moment, by type then account. */
export function sortLines(lines: FeeLine[]): FeeLine[] {
  return lines.sort((a, b) => b.at.getTime() - a.at.getTime() || a.kind.localeCompare(b.kind) || a.appid.localeCompare(b.appid));
}

/** The CSV columns of the costs export. */
export const COSTS_CSV_COLUMNS = ['type', 'status', 'date', 'appid', 'account', 'detail', 'amount_cny', 'invoice_no'] as const;

/**
 * The costs page as a CSV file (UTF-8 with a BOM, CRLF, formula-safe text): one row per fee line;
 * the date is the China day it was paid or is due (`chinaDay` formats it).
 */
export function costsCsv(lines: readonly FeeLine[], chinaDay: (ms: number) => string): string {
  return csvOf(COSTS_CSV_COLUMNS, lines.map((l) => [l.kind, l.status, chinaDay(l.at.getTime()), l.appid, l.accountName, l.detail, yuan(l.amountFen), l.invoiceNo]));
}

/** Paid amounts by China month and fee type, newest month first (the platform's revenue). */
export function revenueByMonth(lines: readonly FeeLine[]): Array<{ month: string; paid_fen: Record<string, number> }> {
  const months = new Map<string, Record<string, number>>();
  for (const l of lines) {
    if (l.status !== 'paid') continue;
    const month = chinaMonth(l.at.getTime());
    const kinds = months.get(month) ?? {};
    kinds[l.kind] = (kinds[l.kind] ?? 0) + l.amountFen;
    months.set(month, kinds);
  }
  return [...months.entries()].sort((a, b) => b[0].localeCompare(a[0])).map(([month, paid_fen]) => ({ month, paid_fen }));
}
