import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { serviceWindows } from '../schema.js';
import { CLOSED_WINDOW_KEPT_MS, newWindow, type WindowState, type WindowTrigger } from '../rules/serviceWindow.js';

/** SQL for customer-service message windows (service_windows). */

/**
 * Serialises window changes of one follower of one account for the rest of the transaction
 * (two sends at once must not both take the last message of a window).
 */
export async function lockWindows(tx: Executor, accountId: string, openid: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`service-window:${accountId}:${openid}`}, 0))`);
}

/** The follower's windows still open at `now`. */
export async function openWindows(db: Executor, accountId: string, openid: string, now: Date): Promise<WindowState[]> {
  return db
    .select({ id: serviceWindows.id, expiresAt: serviceWindows.expiresAt, limit: serviceWindows.limit, used: serviceWindows.used })
    .from(serviceWindows)
    .where(and(eq(serviceWindows.accountId, accountId), eq(serviceWindows.openid, openid), gt(serviceWindows.expiresAt, now)));
}

/**
 * Opens a window for a user action at `now`. Windows that closed more than a day ago (CLOSED_WINDOW_KEPT_MS) are
 * removed on the way (nothing reads them), so the table stays small.
 */
export async function openWindow(db: Executor, accountId: string, openid: string, trigger: WindowTrigger, now: Date): Promise<void> {
  await db
    .delete(serviceWindows)
    .where(and(eq(serviceWindows.accountId, accountId), eq(serviceWindows.openid, openid), lt(serviceWindows.expiresAt, new Date(now.getTime() - CLOSED_WINDOW_KEPT_MS))));
  const w = newWindow(trigger, now.getTime());
  await db.insert(serviceWindows).values({ accountId, openid, trigger, openedAt: w.openedAt, expiresAt: w.expiresAt, limit: w.limit, used: 0 });
}

/** Closes every open window of the follower at `now` (they unfollowed). */
export async function closeWindows(db: Executor, accountId: string, openid: string, now: Date): Promise<void> {
  await db
    .update(serviceWindows)
    .set({ expiresAt: now })
    .where(and(eq(serviceWindows.accountId, accountId), eq(serviceWindows.openid, openid), gt(serviceWindows.expiresAt, now)));
}

/**
 * Counts one message against a window if it still has room (the count is re-checked under the
 * row lock, so two concurrent sends never take more than the window allows). False when another
 * send took the last message first.
 */
export async function useWindowIfRoom(db: Executor, id: number): Promise<boolean> {
  const rows = await db
    .update(serviceWindows)
    .set({ used: sql`${serviceWindows.used} + 1` })
    .where(and(eq(serviceWindows.id, id), sql`(${serviceWindows.limit} is null or ${serviceWindows.used} < ${serviceWindows.limit})`))
    .returning({ id: serviceWindows.id });
  return rows.length > 0;
}
