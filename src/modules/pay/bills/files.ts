/**
 * The bill files of a merchant's China day (the APIv3 tradebill / fundflowbill downloads, APIv2
 * downloadbill, the console's bills page), built from the orders, refunds and settlements, and
 * the fee settlement of a day (T+1). A day with neither payments nor refunds has no bill.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../../platform/db/connect.js';
import {
  chinaDayStart, feeOf, fundFlowBillCsv, tradeBillCsv,
  type FundAccountType, type FundEntry, type TradeBillType, type TradeEntry,
} from '../rules/bills.js';
import type { MerchantRow } from '../store.js';
import { findSettlement, paidOutBefore, paymentsBetween, refundsBetween, settlementsPaidBetween } from './store.js';

const DAY_MS = 86_400_000;

/** The rate a day is billed at: the one its settlement used, else the merchant's current rate. */
async function rateOf(db: Executor, m: MerchantRow, day: string): Promise<number> {
  return (await findSettlement(db, m.id, day))?.feeRateBp ?? m.feeRateBp;
}

/** The trade bill of a day; undefined when the day had no payment and no refund. */
export async function tradeBill(db: Executor, m: MerchantRow, day: string, type: TradeBillType): Promise<string | undefined> {
  const from = chinaDayStart(day);
  const [payments, refunds, rateBp] = await Promise.all([paymentsBetween(db, m.id, from, from + DAY_MS), refundsBetween(db, m.id, from, from + DAY_MS), rateOf(db, m, day)]);
  if (payments.length === 0 && refunds.length === 0) return undefined;
  const base = (o: (typeof payments)[number]) => ({
    appid: o.appid, mchid: m.mchid, transactionId: o.transactionId ?? '', outTradeNo: o.outTradeNo, openid: o.payerOpenid ?? '',
    tradeType: o.tradeType, total: o.total, description: o.description, attach: o.attach ?? '', rateBp,
  });
  const entries: TradeEntry[] = [
    ...payments.map((o) => ({ kind: 'payment' as const, atMs: o.successTime!.getTime(), ...base(o) })),
    ...refunds.map(({ refund, order }) => ({ kind: 'refund' as const, atMs: refund.successTime!.getTime(), ...base(order), refundId: refund.refundId, outRefundNo: refund.outRefundNo, refund: refund.amount })),
  ].sort((a, b) => a.atMs - b.atMs);
  return tradeBillCsv(entries, type);
}

/** The basic account's movements of [fromMs, toMs): payments, their fees, refunds with the fee returned, payouts. */
async function movements(db: Executor, m: MerchantRow, fromMs: number, toMs: number, rateBp: number): Promise<FundEntry[]> {
  const [payments, refunds, payouts] = await Promise.all([paymentsBetween(db, m.id, fromMs, toMs), refundsBetween(db, m.id, fromMs, toMs), settlementsPaidBetween(db, m.id, fromMs, toMs)]);
  const out: FundEntry[] = [];
  for (const o of payments) {
    const at = o.successTime!.getTime();
    out.push({ atMs: at, businessNo: o.transactionId ?? '', name: '交易', direction: 'in', amount: o.total, note: o.outTradeNo });
    const fee = feeOf(o.total, rateBp);
    if (fee > 0) out.push({ atMs: at, businessNo: o.transactionId ?? '', name: '扣除交易手续费', direction: 'out', amount: fee, note: o.outTradeNo });
  }
  for (const { refund, order } of refunds) {
    const net = refund.amount - feeOf(refund.amount, rateBp);
    out.push({ atMs: refund.successTime!.getTime(), businessNo: refund.refundId, name: '退款', direction: 'out', amount: net, note: order.outTradeNo });
  }
  for (const s of payouts) {
    if (s.net > 0) out.push({ atMs: s.settledAt.getTime(), businessNo: s.id.replaceAll('-', ''), name: '自动提现', direction: 'out', amount: s.net, note: `结算 ${s.tradeDate}` });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** The fund-flow bill of a day for an account type (only the basic account moves in Herald); undefined when nothing moved. */
export async function fundFlowBill(db: Executor, m: MerchantRow, day: string, account: FundAccountType): Promise<string | undefined> {
  const from = chinaDayStart(day);
  const rateBp = await rateOf(db, m, day);
  const entries = account === 'BASIC' ? await movements(db, m, from, from + DAY_MS, rateBp) : [];
  if (entries.length === 0) return undefined;
  return fundFlowBillCsv(entries, await basicBalance(db, m, from), day.replaceAll('-', ''));
}

/**
 * The basic account's balance (基本账户余额) at `atMs`, in fen: everything that moved in and out
 * before then (payments less fees, refunds) less what was paid out (T+1 automatic withdrawal),
 * at the merchant's current rate for days not settled yet.
 */
export async function basicBalance(db: Executor, m: MerchantRow, atMs: number): Promise<number> {
  const earlier = await movements(db, m, 0, atMs, m.feeRateBp);
  return earlier.reduce((sum, e) => (e.name === '自动提现' ? sum : sum + (e.direction === 'in' ? e.amount : -e.amount)), 0) - (await paidOutBefore(db, m.id, atMs));
}

/** SHA1 hex of a bill (hash_value). */
export const billHash = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/** How long a download_url works. */
export const DOWNLOAD_TTL_MS = 5 * 60_000;

export interface BillToken {
  kind: 'trade' | 'fundflow';
  day: string;
  type: string;
  gzip: boolean;
  expMs: number;
}

function tokenMac(m: MerchantRow, body: string): string {
  return createHmac('sha256', m.platformPrivateKey).update(`bill:${m.mchid}:${body}`).digest('base64url').slice(0, 32);
}

/** A download token for one bill of one merchant (stateless: the merchant's WeChat Pay key authenticates it). */
export function billToken(m: MerchantRow, t: BillToken): string {
  const body = Buffer.from(`${t.kind}|${t.day}|${t.type}|${t.gzip ? 1 : 0}|${t.expMs}`).toString('base64url');
  return `${body}.${tokenMac(m, body)}`;
}

/** A token's bill when the token is the merchant's and still valid at `nowMs`. */
export function readBillToken(m: MerchantRow, token: string, nowMs: number): BillToken | undefined {
  const [body, mac] = token.split('.');
  if (!body || !mac || body.length > 200) return undefined;
  const want = Buffer.from(tokenMac(m, body));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  const [kind, day, type, gzip, exp] = Buffer.from(body, 'base64url').toString().split('|');
  if ((kind !== 'trade' && kind !== 'fundflow') || Number(exp) < nowMs) return undefined;
  return { kind, day, type, gzip: gzip === '1', expMs: Number(exp) };
}
