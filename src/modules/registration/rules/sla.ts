/**
 * The review's service level: when an application or an appeal in the queue is due soon or past
 * due, and when its reviewers are reminded. Pure: no I/O; the console's SLA board reads it too.
 */

/** "Due soon": due within this long (and not yet past due). */
export const DUE_SOON_MS = 24 * 3_600_000;

/** Reviewers are mailed about an appeal this long before it is due (once per appeal). */
export const APPEAL_REMINDER_MS = DUE_SOON_MS;

export type SlaState = 'overdue' | 'due_soon' | 'on_time';

/** Where a due date stands at `nowMs`. */
export function slaState(dueMs: number | null, nowMs: number): SlaState {
  if (dueMs === null) return 'on_time';
  if (dueMs < nowMs) return 'overdue';
  return dueMs - nowMs <= DUE_SOON_MS ? 'due_soon' : 'on_time';
}
