import { and, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
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

/** openids one lookup takes at most (a console page shows at most 100 plus the sessions). */
const MAX_LOOKUP = 1000;

/**
 * When the follower's latest customer-service window closed, at or before `now` (null when no
 * closed window is kept: they are removed a day after closing).
 */
export async function lastWindowClosedAt(db: Executor, accountId: string, openid: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`max(${serviceWindows.expiresAt})` })
    .from(serviceWindows)
    .where(and(eq(serviceWindows.accountId, accountId), eq(serviceWindows.openid, openid), lte(serviceWindows.expiresAt, now)));
  return row?.at ? new Date(row.at) : null;
}

/** The customer-service windows still open at `now` of each of these followers (one query for a list). */
export async function openWindowsOf(db: Executor, accountId: string, openids: readonly string[], now: Date): Promise<Map<string, WindowState[]>> {
  const wanted = [...new Set(openids)].slice(0, MAX_LOOKUP);
  const out = new Map<string, WindowState[]>();
  if (wanted.length === 0) return out;
  const rows = await db
    .select({ openid: serviceWindows.openid, id: serviceWindows.id, expiresAt: serviceWindows.expiresAt, limit: serviceWindows.limit, used: serviceWindows.used })
    .from(serviceWindows)
    .where(and(eq(serviceWindows.accountId, accountId), inArray(serviceWindows.openid, wanted), gt(serviceWindows.expiresAt, now)));
  for (const { openid, ...w } of rows) out.set(openid, [...(out.get(openid) ?? []), w]);
  return out;
}
