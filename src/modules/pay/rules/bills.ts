/**
 * Bills and settlements (reference §6.1, §8): China trade days, the fee of a payment at the
 * merchant's rate, when a day's bill is ready, and the bill files in WeChat Pay's CSV shape (a
 * UTF-8 BOM, a header line, every cell prefixed with a backtick, a summary header and row at
 * the end, amounts in yuan). Pure.
 */

const CHINA_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** The China date (yyyy-MM-dd) of an instant. */
export const chinaDate = (ms: number) => new Date(ms + CHINA_MS).toISOString().slice(0, 10);

/** The instant a China day starts. */
export const chinaDayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

/** `yyyy-MM-dd HH:mm:ss` in China time. */
export const chinaDateTime = (ms: number) => new Date(ms + CHINA_MS).toISOString().slice(0, 19).replace('T', ' ');

/** A bill day from a request: `yyyy-MM-dd` (v3) or `yyyyMMdd` (v2); undefined when it is not a real date. */
export function parseBillDate(text: string, style: 'v3' | 'v2'): string | undefined {
  const m = style === 'v3' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const ms = chinaDayStart(date);
  return Number.isNaN(ms) || chinaDate(ms) !== date ? undefined : date;
}

/** A day's bills are ready the next day at 09:00 China time. */
export const BILL_READY_HOUR = 9;
/** Bills of the last 3 months only. */
export const BILL_KEEP_DAYS = 90;

/** Whether a day's bill can be had at `nowMs`: 'ready', 'creating' (not yet 09:00 next day, or today), 'gone' (too old or in the future). */
export function billAvailability(date: string, nowMs: number): 'ready' | 'creating' | 'gone' {
  const start = chinaDayStart(date);
  if (start > nowMs) return 'gone';
  if (nowMs < start + DAY_MS + BILL_READY_HOUR * 3600_000) return 'creating';
  if (nowMs - start > (BILL_KEEP_DAYS + 1) * DAY_MS) return 'gone';
  return 'ready';
}

/** The fee of an amount in fen at a rate in basis points, rounded half up to the fen. */
export const feeOf = (amount: number, rateBp: number) => Math.floor((amount * rateBp + 5000) / 10_000);

/** Fen as yuan with two decimals. */
export const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/** A rate in basis points as the bill shows it (`0.60%`). */
export const ratePercent = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** One line of a bill: every cell prefixed with a backtick. */
const line = (cells: readonly string[]) => cells.map((c) => `\`${c.replace(/[\r\n]/g, ' ')}`).join(',');

function file(header: readonly string[], rows: readonly (readonly string[])[], summaryHeader: readonly string[], summary: readonly string[]): string {
  return `\uFEFF${[header.join(','), ...rows.map(line), summaryHeader.join(','), line(summary)].join('\r\n')}\r\n`;
}

export const TRADE_BILL_TYPES = ['ALL', 'SUCCESS', 'REFUND'] as const;
export type TradeBillType = (typeof TRADE_BILL_TYPES)[number];

/** A payment or a refund on the trade bill. */
export interface TradeEntry {
  kind: 'payment' | 'refund';
  atMs: number;
  appid: string;
  mchid: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  total: number;
  description: string;
  attach: string;
  rateBp: number;
  refundId?: string;
  outRefundNo?: string;
  refund?: number;
}

const TRADE_HEADER = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类',
  '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包',
  '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
];
const TRADE_SUMMARY = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'];

/** The trade bill (交易账单) of a day: payments (SUCCESS) and refunds (REFUND) as the type selects. */
export function tradeBillCsv(entries: readonly TradeEntry[], type: TradeBillType): string {
  const kept = entries.filter((e) => type === 'ALL' || (type === 'SUCCESS') === (e.kind === 'payment'));
  let settled = 0;
  let refunded = 0;
  let fees = 0;
  let ordered = 0;
  const rows = kept.map((e) => {
    const isRefund = e.kind === 'refund';
    const fee = isRefund ? -feeOf(e.refund ?? 0, e.rateBp) : feeOf(e.total, e.rateBp);
    fees += fee;
    if (isRefund) refunded += e.refund ?? 0;
    else {
      settled += e.total;
      ordered += e.total;
    }
    return [
      chinaDateTime(e.atMs), e.appid, e.mchid, '0', '', e.transactionId, e.outTradeNo, e.openid, e.tradeType, isRefund ? 'REFUND' : 'SUCCESS', 'OTHERS', 'CNY',
      isRefund ? '0.00' : yuan(e.total), '0.00', e.refundId ?? '0', e.outRefundNo ?? '0', isRefund ? yuan(e.refund ?? 0) : '0.00', '0.00',
      isRefund ? 'ORIGINAL' : '', isRefund ? 'SUCCESS' : '', e.description, e.attach, yuan(fee), ratePercent(e.rateBp),
      isRefund ? '0.00' : yuan(e.total), isRefund ? yuan(e.refund ?? 0) : '0.00', '',
    ];
  });
  return file(TRADE_HEADER, rows, TRADE_SUMMARY, [String(kept.length), yuan(settled), yuan(refunded), '0.00', yuan(fees), yuan(ordered), yuan(refunded)]);
}

export const FUND_ACCOUNT_TYPES = ['BASIC', 'OPERATION', 'FEES'] as const;
export type FundAccountType = (typeof FUND_ACCOUNT_TYPES)[number];

/** A movement of the basic account (基本账户). */
export interface FundEntry {
  atMs: number;
  /** transaction_id, refund_id or the settlement's id. */
  businessNo: string;
  name: '交易' | '扣除交易手续费' | '退款' | '自动提现';
  direction: 'in' | 'out';
  amount: number;
  note: string;
}

const FUND_HEADER = ['记账时间', '微信支付业务单号', '资金流水单号', '业务名称', '业务类型', '收支类型', '收支金额（元）', '账户结余（元）', '资金变更提交申请人', '备注', '业务凭证号'];
const FUND_SUMMARY = ['资金流水总笔数', '收入笔数', '收入金额', '支出笔数', '支出金额'];

/** The fund-flow bill (资金账单) of a day, the balance running from `openingBalance`. */
export function fundFlowBillCsv(entries: readonly FundEntry[], openingBalance: number, flowIdPrefix: string): string {
  let balance = openingBalance;
  let inCount = 0;
  let inSum = 0;
  let outCount = 0;
  let outSum = 0;
  const rows = entries.map((e, i) => {
    balance += e.direction === 'in' ? e.amount : -e.amount;
    if (e.direction === 'in') {
      inCount++;
      inSum += e.amount;
    } else {
      outCount++;
      outSum += e.amount;
    }
    return [
      chinaDateTime(e.atMs), e.businessNo, `${flowIdPrefix}${String(i + 1).padStart(6, '0')}`, e.name, e.name, e.direction === 'in' ? '收入' : '支出',
      yuan(e.amount), yuan(balance), 'system', e.note, e.businessNo,
    ];
  });
  return file(FUND_HEADER, rows, FUND_SUMMARY, [String(entries.length), String(inCount), yuan(inSum), String(outCount), yuan(outSum)]);
}
