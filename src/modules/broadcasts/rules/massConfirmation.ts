/**
 * API mass-send protection (API群发保护): when an account turns it on, each push post sent through
 * message/mass/sendall or message/mass/send waits for the administrator's confirmation in the
 * phone. The outcome reaches the developer as MASSSENDJOBFINISH with
 * Status `err(40001)` (rejected) or `err(40002)` (not confirmed in time). Pure.
 */

/** How long a push post waits for the administrator (30 minutes on the Herald clock). */
export const CONFIRM_WINDOW_MS = 30 * 60 * 1000;

/** MASSSENDJOBFINISH Status when the administrator refused the post. */
export const REJECTED_STATUS = 'err(40001)';
/** MASSSENDJOBFINISH Status when nobody confirmed within the window. */
export const TIMED_OUT_STATUS = 'err(40002)';

/** How a wait for confirmation ended. */
export type ConfirmationEnd = 'confirmed' | 'rejected' | 'timed_out';

/** The Status MASSSENDJOBFINISH reports for a post that was not confirmed. */
export function unconfirmedStatus(end: Exclude<ConfirmationEnd, 'confirmed'>): string {
  return end === 'rejected' ? REJECTED_STATUS : TIMED_OUT_STATUS;
}

/** Whether a post waiting for confirmation is past its window at `nowMs`. */
export function confirmationExpired(confirmBy: Date | null, nowMs: number): boolean {
  return confirmBy !== null && confirmBy.getTime() <= nowMs;
}

/** Whether a push post from this source waits for confirmation under this protection setting. */
export function needsConfirmation(source: 'api' | 'console', protection: { enabled: boolean } | undefined): boolean {
  return source === 'api' && protection?.enabled === true;
}
