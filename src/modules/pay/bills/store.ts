/**
 * The SQL of bills, settlements and the console's lists: payments and refunds of a China day,
 * the days still to settle, settlements, and the filtered lists of orders and refunds.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { payOrders, payRefunds, paySettlements } from '../schema.js';
import type { OrderRow, RefundRow } from '../store.js';

export type SettlementRow = typeof paySettlements.$inferSelect;

/** Orders paid in [fromMs, toMs), oldest first. */
export async function paymentsBetween(db: Executor, merchantId: string, fromMs: number, toMs: number): Promise<OrderRow[]> {
  return db.select().from(payOrders)
    .where(and(eq(payOrders.merchantId, merchantId), isNotNull(payOrders.transactionId), gte(payOrders.successTime, new Date(fromMs)), lt(payOrders.successTime, new Date(toMs))))
    .orderBy(asc(payOrders.successTime));
}

/** Refunds that succeeded in [fromMs, toMs) with their orders, oldest first. */
export async function refundsBetween(db: Executor, merchantId: string, fromMs: number, toMs: number): Promise<{ refund: RefundRow; order: OrderRow }[]> {
  return db.select({ refund: payRefunds, order: payOrders }).from(payRefunds)
    .innerJoin(payOrders, eq(payOrders.id, payRefunds.orderId))
    .where(and(eq(payRefunds.merchantId, merchantId), eq(payRefunds.status, 'SUCCESS'), gte(payRefunds.successTime, new Date(fromMs)), lt(payRefunds.successTime, new Date(toMs))))
    .orderBy(asc(payRefunds.successTime));
}

/** China trade day (yyyy-MM-dd) of a timestamp column, computed in SQL the same way on PostgreSQL and PGlite. */
const chinaDay = (col: typeof payOrders.successTime | typeof payRefunds.successTime) =>
  sql<string>`to_char(to_timestamp(floor((extract(epoch from ${col}) + 28800) / 86400) * 86400) at time zone 'UTC', 'YYYY-MM-DD')`;

/** Merchants' trade days before `beforeMs` with payments or refunds and no settlement yet. */
export async function daysToSettle(db: Executor, beforeMs: number, limit: number): Promise<{ merchantId: string; day: string }[]> {
  const before = new Date(beforeMs);
  const payDays = db.selectDistinct({ merchantId: payOrders.merchantId, day: chinaDay(payOrders.successTime).as('day') }).from(payOrders)
    .where(and(isNotNull(payOrders.successTime), lt(payOrders.successTime, before)));
  const refundDays = db.selectDistinct({ merchantId: payRefunds.merchantId, day: chinaDay(payRefunds.successTime).as('day') }).from(payRefunds)
    .where(and(eq(payRefunds.status, 'SUCCESS'), lt(payRefunds.successTime, before)));
  const days = await payDays.union(refundDays);
  if (days.length === 0) return [];
  const done = await db.select({ merchantId: paySettlements.merchantId, day: paySettlements.tradeDate }).from(paySettlements)
    .where(inArray(paySettlements.merchantId, [...new Set(days.map((d) => d.merchantId))]));
  const settled = new Set(done.map((d) => `${d.merchantId}/${d.day}`));
  return days.filter((d) => !settled.has(`${d.merchantId}/${d.day}`)).sort((a, b) => (a.day < b.day ? -1 : 1)).slice(0, limit);
}

export async function insertSettlement(db: Executor, row: typeof paySettlements.$inferInsert): Promise<boolean> {
  const rows = await db.insert(paySettlements).values(row).onConflictDoNothing().returning({ id: paySettlements.id });
  return rows.length === 1;
}

export async function findSettlement(db: Executor, merchantId: string, day: string): Promise<SettlementRow | undefined> {
  const [row] = await db.select().from(paySettlements).where(and(eq(paySettlements.merchantId, merchantId), eq(paySettlements.tradeDate, day))).limit(1);
  return row;
}

/** Settlements paid out in [fromMs, toMs). */
export async function settlementsPaidBetween(db: Executor, merchantId: string, fromMs: number, toMs: number): Promise<SettlementRow[]> {
  return db.select().from(paySettlements)
    .where(and(eq(paySettlements.merchantId, merchantId), gte(paySettlements.settledAt, new Date(fromMs)), lt(paySettlements.settledAt, new Date(toMs))))
    .orderBy(asc(paySettlements.settledAt));
}

/** What was paid out before `beforeMs` (the basic account's withdrawals). */
export async function paidOutBefore(db: Executor, merchantId: string, beforeMs: number): Promise<number> {
  const [row] = await db.select({ n: sql<string>`coalesce(sum(greatest(${paySettlements.net}, 0)), 0)` }).from(paySettlements)
    .where(and(eq(paySettlements.merchantId, merchantId), lt(paySettlements.settledAt, new Date(beforeMs))));
  return Number(row?.n ?? 0);
}

export interface ListFilter {
  fromMs?: number;
  toMs?: number;
  state?: string;
  q?: string;
  limit: number;
  /** Rows to skip (paging). */
  offset?: number;
}

/** The merchant's orders, newest first, filtered by creation time, state and out_trade_no / transaction_id prefix. */
export async function listOrders(db: Executor, merchantId: string, f: ListFilter): Promise<OrderRow[]> {
  const where: SQL[] = [eq(payOrders.merchantId, merchantId)];
  if (f.fromMs !== undefined) where.push(gte(payOrders.createdAt, new Date(f.fromMs)));
  if (f.toMs !== undefined) where.push(lt(payOrders.createdAt, new Date(f.toMs)));
  if (f.state) where.push(eq(payOrders.tradeState, f.state));
  if (f.q) where.push(sql`(${payOrders.outTradeNo} = ${f.q} or ${payOrders.transactionId} = ${f.q})`);
  return db.select().from(payOrders).where(and(...where)).orderBy(desc(payOrders.createdAt), desc(payOrders.id)).limit(f.limit).offset(f.offset ?? 0);
}

/** The merchant's refunds with their orders, newest first. */
export async function listRefunds(db: Executor, merchantId: string, f: ListFilter): Promise<{ refund: RefundRow; order: OrderRow }[]> {
  const where: SQL[] = [eq(payRefunds.merchantId, merchantId)];
  if (f.fromMs !== undefined) where.push(gte(payRefunds.createdAt, new Date(f.fromMs)));
  if (f.toMs !== undefined) where.push(lt(payRefunds.createdAt, new Date(f.toMs)));
  if (f.state) where.push(eq(payRefunds.status, f.state));
  if (f.q) where.push(sql`(${payRefunds.outRefundNo} = ${f.q} or ${payOrders.outTradeNo} = ${f.q})`);
  return db.select({ refund: payRefunds, order: payOrders }).from(payRefunds).innerJoin(payOrders, eq(payOrders.id, payRefunds.orderId))
    .where(and(...where)).orderBy(desc(payRefunds.createdAt), desc(payRefunds.id)).limit(f.limit).offset(f.offset ?? 0);
}

/** The merchant's settlements, newest trade day first, between two days (inclusive). */
export async function listSettlements(db: Executor, merchantId: string, f: { fromDay?: string; toDay?: string; limit: number; offset?: number }): Promise<SettlementRow[]> {
  const where: SQL[] = [eq(paySettlements.merchantId, merchantId)];
  if (f.fromDay) where.push(gte(paySettlements.tradeDate, f.fromDay));
  if (f.toDay) where.push(sql`${paySettlements.tradeDate} <= ${f.toDay}`);
  return db.select().from(paySettlements).where(and(...where)).orderBy(desc(paySettlements.tradeDate)).limit(f.limit).offset(f.offset ?? 0);
}

/** The refunds of one order, oldest first (v2 refundquery by order). */
export async function refundsOfOrder(db: Executor, orderId: string): Promise<RefundRow[]> {
  return db.select().from(payRefunds).where(eq(payRefunds.orderId, orderId)).orderBy(asc(payRefunds.createdAt));
}

/** A refund by refund_id. */
export async function findRefundById(db: Executor, merchantId: string, refundId: string): Promise<RefundRow | undefined> {
  const [r] = await db.select().from(payRefunds).where(and(eq(payRefunds.merchantId, merchantId), eq(payRefunds.refundId, refundId))).limit(1);
  return r;
}
