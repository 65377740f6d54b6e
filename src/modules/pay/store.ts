/**
 * All of the Pay module's SQL: merchants and their AppID bindings, request nonces, orders,
 * refunds, notifications and their attempts.
 */
import { and, asc, count, desc, eq, gt, inArray, lt, lte, or, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/connect.js';
import { accounts } from '../accounts/schema.js';
import { payAppidBindings, payBills, payCards, payFaults, payMerchants, payNonces, payNotificationAttempts, payNotifications, payOrders, payRefunds, payWallets } from './schema.js';

export type MerchantRow = typeof payMerchants.$inferSelect;
export type OrderRow = typeof payOrders.$inferSelect;
export type RefundRow = typeof payRefunds.$inferSelect;
export type NotificationRow = typeof payNotifications.$inferSelect;
export type NotificationAttemptRow = typeof payNotificationAttempts.$inferSelect;
export type WalletRow = typeof payWallets.$inferSelect;
export type CardRow = typeof payCards.$inferSelect;
export type BillRow = typeof payBills.$inferSelect;
export type FaultRow = typeof payFaults.$inferSelect;

// Merchants

export async function insertMerchant(db: Executor, row: typeof payMerchants.$inferInsert): Promise<MerchantRow> {
  const [m] = await db.insert(payMerchants).values(row).returning();
  return m;
}

export async function findMerchantByMchid(db: Executor, mchid: string): Promise<MerchantRow | undefined> {
  const [m] = await db.select().from(payMerchants).where(eq(payMerchants.mchid, mchid)).limit(1);
  return m;
}

export async function listMerchantsOfAccount(db: Executor, accountId: string): Promise<MerchantRow[]> {
  return db.select().from(payMerchants).where(eq(payMerchants.accountId, accountId)).orderBy(asc(payMerchants.createdAt));
}

/** Merchants in one review status with their account (the platform's review queue), oldest first. */
export async function listMerchantsByStatus(db: Executor, status: string, limit: number): Promise<{ merchant: MerchantRow; appid: string; accountName: string }[]> {
  return db.select({ merchant: payMerchants, appid: accounts.appid, accountName: accounts.name }).from(payMerchants)
    .innerJoin(accounts, eq(accounts.id, payMerchants.accountId))
    .where(eq(payMerchants.status, status)).orderBy(status === 'reviewing' ? asc(payMerchants.createdAt) : desc(payMerchants.createdAt)).limit(limit);
}

/** Sets the APIv3 key if none is set yet; false when one was already set. */
export async function setApiV3KeyOnce(db: Executor, merchantId: string, key: string): Promise<boolean> {
  const rows = await db.update(payMerchants).set({ apiV3Key: key }).where(and(eq(payMerchants.id, merchantId), isNull(payMerchants.apiV3Key))).returning({ id: payMerchants.id });
  return rows.length === 1;
}

export async function updateMerchant(db: Executor, merchantId: string, patch: Partial<MerchantRow>): Promise<MerchantRow | undefined> {
  const [m] = await db.update(payMerchants).set(patch).where(eq(payMerchants.id, merchantId)).returning();
  return m;
}

/**
 * Appends a payment directory unless the merchant has it already or has `max`: one statement, so
 * two saves at once cannot pass the limit. The merchant after the change, or undefined when
 * nothing changed.
 */
export async function addPayDirectory(db: Executor, merchantId: string, directory: string, max: number): Promise<MerchantRow | undefined> {
  const one = JSON.stringify([directory]);
  const [m] = await db.update(payMerchants)
    .set({ payDirectories: sql`${payMerchants.payDirectories} || ${one}::jsonb` })
    .where(and(eq(payMerchants.id, merchantId), sql`jsonb_array_length(${payMerchants.payDirectories}) < ${max}`, sql`not (${payMerchants.payDirectories} @> ${one}::jsonb)`))
    .returning();
  return m;
}

/** Removes a payment directory (no-op when absent); the merchant after the change. */
export async function removePayDirectory(db: Executor, merchantId: string, directory: string): Promise<MerchantRow | undefined> {
  const [m] = await db.update(payMerchants)
    .set({ payDirectories: sql`${payMerchants.payDirectories} - ${directory}::text` })
    .where(eq(payMerchants.id, merchantId))
    .returning();
  return m;
}

export async function bindAppid(db: Executor, merchantId: string, appid: string, at: Date): Promise<void> {
  await db.insert(payAppidBindings).values({ merchantId, appid, createdAt: at }).onConflictDoNothing();
}

export async function isAppidBound(db: Executor, merchantId: string, appid: string): Promise<boolean> {
  const [row] = await db.select({ appid: payAppidBindings.appid }).from(payAppidBindings).where(and(eq(payAppidBindings.merchantId, merchantId), eq(payAppidBindings.appid, appid))).limit(1);
  return row !== undefined;
}

export async function listBindings(db: Executor, merchantId: string): Promise<string[]> {
  const rows = await db.select({ appid: payAppidBindings.appid }).from(payAppidBindings).where(eq(payAppidBindings.merchantId, merchantId)).orderBy(asc(payAppidBindings.createdAt));
  return rows.map((r) => r.appid);
}

export async function countBindings(db: Executor, merchantId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(payAppidBindings).where(eq(payAppidBindings.merchantId, merchantId));
  return Number(row?.n ?? 0);
}

// Nonces

/** Records a request nonce; false when the merchant already used it. */
export async function rememberNonce(db: Executor, merchantId: string, nonce: string, at: Date): Promise<boolean> {
  const rows = await db.insert(payNonces).values({ merchantId, nonce, seenAt: at }).onConflictDoNothing().returning({ nonce: payNonces.nonce });
  return rows.length === 1;
}

/** Forgets nonces seen before `before` (a request that old is refused by its timestamp anyway). */
export async function pruneNonces(db: Executor, before: Date): Promise<void> {
  await db.delete(payNonces).where(lt(payNonces.seenAt, before));
}

// Orders

export async function findOrder(db: Executor, merchantId: string, by: { outTradeNo: string } | { transactionId: string }, lock = false): Promise<OrderRow | undefined> {
  const where = 'outTradeNo' in by
    ? and(eq(payOrders.merchantId, merchantId), eq(payOrders.outTradeNo, by.outTradeNo))
    : and(eq(payOrders.merchantId, merchantId), eq(payOrders.transactionId, by.transactionId));
  const q = db.select().from(payOrders).where(where).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function findOrderForPayment(db: Executor, by: { prepayId: string } | { codeUrlToken: string } | { orderId: string }, lock = true): Promise<OrderRow | undefined> {
  const where = 'prepayId' in by ? eq(payOrders.prepayId, by.prepayId) : 'codeUrlToken' in by ? eq(payOrders.codeUrlToken, by.codeUrlToken) : eq(payOrders.id, by.orderId);
  const q = db.select().from(payOrders).where(where).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertOrder(db: Executor, row: typeof payOrders.$inferInsert): Promise<OrderRow> {
  const [o] = await db.insert(payOrders).values(row).returning();
  return o;
}

export async function updateOrder(db: Executor, id: string, patch: Partial<OrderRow>): Promise<OrderRow> {
  const [o] = await db.update(payOrders).set(patch).where(eq(payOrders.id, id)).returning();
  return o;
}

export async function findOrderById(db: Executor, id: string): Promise<OrderRow | undefined> {
  const [o] = await db.select().from(payOrders).where(eq(payOrders.id, id)).limit(1);
  return o;
}

// Refunds

export async function findRefund(db: Executor, merchantId: string, outRefundNo: string): Promise<RefundRow | undefined> {
  const [r] = await db.select().from(payRefunds).where(and(eq(payRefunds.merchantId, merchantId), eq(payRefunds.outRefundNo, outRefundNo))).limit(1);
  return r;
}

export async function countRefunds(db: Executor, orderId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(payRefunds).where(eq(payRefunds.orderId, orderId));
  return Number(row?.n ?? 0);
}

export async function insertRefund(db: Executor, row: typeof payRefunds.$inferInsert): Promise<RefundRow> {
  const [r] = await db.insert(payRefunds).values(row).returning();
  return r;
}

/** Locks up to `limit` PROCESSING refunds due at `now` (other workers skip them). */
export async function lockDueRefunds(db: Executor, now: Date, limit: number): Promise<RefundRow[]> {
  return db.select().from(payRefunds).where(and(eq(payRefunds.status, 'PROCESSING'), lte(payRefunds.settlesAt, now))).orderBy(asc(payRefunds.settlesAt)).limit(limit).for('update', { skipLocked: true });
}

export async function markRefundSucceeded(db: Executor, id: string, at: Date): Promise<RefundRow> {
  const [r] = await db.update(payRefunds).set({ status: 'SUCCESS', successTime: at }).where(eq(payRefunds.id, id)).returning();
  return r;
}

// Notifications

export async function insertNotification(db: Executor, row: typeof payNotifications.$inferInsert): Promise<void> {
  await db.insert(payNotifications).values(row);
}

/**
 * Claims due notifications: pending ones whose time has come (Herald time, so time travel makes
 * retries due) and ones left delivering by a holder whose lease ran out (database time: a lease
 * guards a lock between nodes). Each claim counts the attempt it starts.
 */
export async function claimDueNotifications(db: Db, opts: { nowMs: number; limit: number; leaseMs: number }): Promise<NotificationRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: payNotifications.id })
      .from(payNotifications)
      .where(or(
        and(eq(payNotifications.status, 'pending'), lte(payNotifications.nextAttemptAt, new Date(opts.nowMs))),
        and(eq(payNotifications.status, 'delivering'), sql`${payNotifications.lockedUntil} < now()`),
      ))
      .orderBy(asc(payNotifications.nextAttemptAt))
      .limit(opts.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(payNotifications)
      .set({ status: 'delivering', attempts: sql`${payNotifications.attempts} + 1`, lockedUntil: sql`now() + make_interval(secs => ${opts.leaseMs / 1000})` })
      .where(inArray(payNotifications.id, due.map((d) => d.id)))
      .returning();
  });
}

/** Records one attempt and moves the notification on, fenced by the attempt number it was claimed with. */
export async function settleNotification(
  db: Db,
  attempt: typeof payNotificationAttempts.$inferInsert,
  next: { status: 'delivered' | 'failed'; at: Date } | { status: 'pending'; nextAttemptAt: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(payNotificationAttempts).values(attempt);
    const patch = next.status === 'pending'
      ? { status: 'pending', nextAttemptAt: next.nextAttemptAt, lockedUntil: null }
      : { status: next.status, lockedUntil: null, ...(next.status === 'delivered' ? { deliveredAt: next.at } : {}) };
    await tx.update(payNotifications).set(patch).where(and(eq(payNotifications.id, attempt.notificationId), eq(payNotifications.attempts, attempt.attemptNo)));
  });
}

export async function listNotifications(db: Executor, merchantId: string, limit = 100): Promise<NotificationRow[]> {
  return db.select().from(payNotifications).where(eq(payNotifications.merchantId, merchantId)).orderBy(asc(payNotifications.createdAt)).limit(limit);
}

export async function listAttempts(db: Executor, notificationIds: readonly string[]): Promise<NotificationAttemptRow[]> {
  if (notificationIds.length === 0) return [];
  return db.select().from(payNotificationAttempts).where(inArray(payNotificationAttempts.notificationId, [...notificationIds])).orderBy(asc(payNotificationAttempts.notificationId), asc(payNotificationAttempts.attemptNo));
}

export async function findMerchantById(db: Executor, id: string): Promise<MerchantRow | undefined> {
  const [m] = await db.select().from(payMerchants).where(eq(payMerchants.id, id)).limit(1);
  return m;
}

/** Queues a notification again now (a re-send by hand); false when it is unknown or on its way. */
export async function requeueNotification(db: Executor, merchantId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(payNotifications)
    .set({ status: 'pending', nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(payNotifications.id, id), eq(payNotifications.merchantId, merchantId), inArray(payNotifications.status, ['delivered', 'failed', 'pending'])))
    .returning({ id: payNotifications.id });
  return rows.length === 1;
}

// Wallets, cards, bills

/** The payer's wallet, locked for the transaction when `lock`. */
export async function findWallet(db: Executor, userId: string, lock = false): Promise<WalletRow | undefined> {
  const q = db.select().from(payWallets).where(eq(payWallets.userId, userId)).limit(1);
  const [w] = lock ? await q.for('update') : await q;
  return w;
}

/** Creates a wallet unless one exists; true when created. */
export async function insertWallet(db: Executor, row: typeof payWallets.$inferInsert): Promise<boolean> {
  const rows = await db.insert(payWallets).values(row).onConflictDoNothing().returning({ userId: payWallets.userId });
  return rows.length === 1;
}

export async function updateWallet(db: Executor, userId: string, patch: Partial<WalletRow>): Promise<WalletRow> {
  const [w] = await db.update(payWallets).set(patch).where(eq(payWallets.userId, userId)).returning();
  return w;
}

export async function insertCard(db: Executor, row: typeof payCards.$inferInsert): Promise<void> {
  await db.insert(payCards).values(row);
}

export async function listCards(db: Executor, userId: string): Promise<CardRow[]> {
  return db.select().from(payCards).where(eq(payCards.userId, userId)).orderBy(asc(payCards.createdAt));
}

export async function insertBill(db: Executor, row: typeof payBills.$inferInsert): Promise<void> {
  await db.insert(payBills).values(row).onConflictDoNothing();
}

/** The latest bill lines, each with its order's AppID (the merchant's official account). */
export async function listBills(db: Executor, userId: string, limit: number): Promise<Array<BillRow & { appid: string | null }>> {
  const rows = await db
    .select({ bill: payBills, appid: payOrders.appid })
    .from(payBills)
    .leftJoin(payOrders, eq(payOrders.id, payBills.orderId))
    .where(eq(payBills.userId, userId))
    .orderBy(desc(payBills.at), desc(payBills.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.bill, appid: r.appid }));
}

/** The 微信支付 receipts of a user (支付凭证): payments and refunds, newest first, with their orders. */
export async function listReceipts(db: Executor, userId: string, limit: number) {
  return db
    .select({
      id: payBills.id,
      kind: payBills.kind,
      amount: payBills.amount,
      method: payBills.method,
      merchantName: payBills.merchantName,
      description: payBills.description,
      at: payBills.at,
      appid: payOrders.appid,
      outTradeNo: payOrders.outTradeNo,
      transactionId: payOrders.transactionId,
    })
    .from(payBills)
    .leftJoin(payOrders, eq(payOrders.id, payBills.orderId))
    .where(and(eq(payBills.userId, userId), inArray(payBills.kind, ['payment', 'refund'])))
    .orderBy(desc(payBills.at), desc(payBills.id))
    .limit(limit);
}
export type ReceiptRow = Awaited<ReturnType<typeof listReceipts>>[number];

// Faults (emulator mode)

export async function insertFault(db: Executor, row: typeof payFaults.$inferInsert): Promise<FaultRow> {
  const [f] = await db.insert(payFaults).values(row).returning();
  return f;
}

/** Takes one use of the oldest fault of a kind (for a merchant or a user); the fault, or undefined. */
export async function consumeFault(db: Executor, kind: string, owner: { merchantId: string } | { userId: string }): Promise<FaultRow | undefined> {
  const who = 'merchantId' in owner ? eq(payFaults.merchantId, owner.merchantId) : eq(payFaults.userId, owner.userId);
  const [f] = await db.select().from(payFaults).where(and(who, eq(payFaults.kind, kind), gt(payFaults.remaining, 0))).orderBy(asc(payFaults.createdAt)).limit(1).for('update');
  if (!f) return undefined;
  if (f.remaining <= 1) await db.delete(payFaults).where(eq(payFaults.id, f.id));
  else await db.update(payFaults).set({ remaining: f.remaining - 1 }).where(eq(payFaults.id, f.id));
  return f;
}

export async function listFaults(db: Executor, owner: { merchantId: string } | { userId: string }): Promise<FaultRow[]> {
  const who = 'merchantId' in owner ? eq(payFaults.merchantId, owner.merchantId) : eq(payFaults.userId, owner.userId);
  return db.select().from(payFaults).where(who).orderBy(asc(payFaults.createdAt));
}

export async function deleteFaults(db: Executor, owner: { merchantId: string } | { userId: string }): Promise<void> {
  const who = 'merchantId' in owner ? eq(payFaults.merchantId, owner.merchantId) : eq(payFaults.userId, owner.userId);
  await db.delete(payFaults).where(who);
}
