/**
 * The customer-service message window (reference §6), as pure rules: which user actions open a
 * window, how many messages each allows and for how long, and which open window a message to
 * the follower uses up.
 *
 * Every action opens a window of its own. A message is taken from the usable window that closes
 * soonest (so short windows are used before they lapse and long ones are kept for later).
 * Payment windows are unlimited.
 */

export const WINDOW_TRIGGERS = ['message', 'click', 'follow', 'scan', 'payment'] as const;
export type WindowTrigger = (typeof WINDOW_TRIGGERS)[number];

const MINUTE = 60_000;
const HOURS_48 = 48 * 3600 * 1000;

/** Messages allowed (null = unlimited) and how long the window stays open, per trigger. */
export const WINDOW_RULES: Record<WindowTrigger, { limit: number | null; durationMs: number }> = {
  message: { limit: 5, durationMs: HOURS_48 },
  click: { limit: 3, durationMs: MINUTE },
  follow: { limit: 3, durationMs: MINUTE },
  scan: { limit: 3, durationMs: MINUTE },
  payment: { limit: null, durationMs: HOURS_48 },
};

/**
 * How long a closed window is kept before opening a new one removes it: nothing reads closed
 * windows but "when did the window close" (the console). Migration 0005's fast path says
 * `interval '1 day'`; serviceWindowFastPath.test.ts checks the two agree.
 */
export const CLOSED_WINDOW_KEPT_MS = 24 * 3600 * 1000;

/** A window to store, opened at `nowMs` by `trigger`. */
export function newWindow(trigger: WindowTrigger, nowMs: number): { trigger: WindowTrigger; openedAt: Date; expiresAt: Date; limit: number | null } {
  const rule = WINDOW_RULES[trigger];
  return { trigger, openedAt: new Date(nowMs), expiresAt: new Date(nowMs + rule.durationMs), limit: rule.limit };
}

/** A stored window as the rules see it. */
export interface WindowState {
  id: number;
  expiresAt: Date;
  limit: number | null;
  used: number;
}

/** Which window a message uses: one with room, or why none (45015 closed, 45047 used up). */
export type WindowChoice = { ok: true; windowId: number } | { ok: false; reason: 'closed' | 'exhausted' };

/** Whether a window is open at `nowMs` (its count aside). */
export const isOpen = (w: Pick<WindowState, 'expiresAt'>, nowMs: number): boolean => w.expiresAt.getTime() > nowMs;

/** Whether a window still allows a message (payment windows always do). */
export const hasRoom = (w: Pick<WindowState, 'limit' | 'used'>): boolean => w.limit === null || w.used < w.limit;

/**
 * The window a message to the follower is taken from at `nowMs`: among open windows with room,
 * the one that closes soonest. 'closed' when no window is open, 'exhausted' when every open one
 * is used up.
 */
export function chooseWindow(windows: readonly WindowState[], nowMs: number): WindowChoice {
  const open = windows.filter((w) => isOpen(w, nowMs));
  if (open.length === 0) return { ok: false, reason: 'closed' };
  const usable = open.filter(hasRoom).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id - b.id);
  return usable.length > 0 ? { ok: true, windowId: usable[0].id } : { ok: false, reason: 'exhausted' };
}

/** Whether any window is open at `nowMs` (the typing indicator needs one, without using it up). */
export function anyOpen(windows: readonly Pick<WindowState, 'expiresAt'>[], nowMs: number): boolean {
  return windows.some((w) => isOpen(w, nowMs));
}

/** The WeChat errcode of a refused choice: 45015 outside every window, 45047 count used up. */
export const windowErrcode = (reason: 'closed' | 'exhausted'): number => (reason === 'closed' ? 45015 : 45047);

/** Where a conversation stands against the customer-service window (reference §6), for display. */
export interface WindowView {
  /** open: replies can be sent; exhausted: open but every message is used (45047); closed (45015). */
  state: 'open' | 'exhausted' | 'closed';
  /** When the last window with messages left closes (open only). */
  closesAt: Date | null;
  /** Messages left across the open windows; null when unlimited (a payment window). */
  messagesLeft: number | null;
  /** When the latest window closed, if it is still known (closed only). */
  closedAt: Date | null;
}

/**
 * Sums up the follower's open windows at `nowMs`: how many messages are left in all of them and
 * when the last one with room closes. Which window a reply uses is chooseWindow's rule.
 */
export function windowView(windows: readonly WindowState[], nowMs: number, lastClosedAt: Date | null): WindowView {
  const open = windows.filter((w) => isOpen(w, nowMs));
  if (open.length === 0) return { state: 'closed', closesAt: null, messagesLeft: 0, closedAt: lastClosedAt };
  const withRoom = open.filter(hasRoom);
  if (withRoom.length === 0) {
    const closesAt = new Date(Math.max(...open.map((w) => w.expiresAt.getTime())));
    return { state: 'exhausted', closesAt, messagesLeft: 0, closedAt: null };
  }
  const unlimited = withRoom.some((w) => w.limit === null);
  const messagesLeft = unlimited ? null : withRoom.reduce((n, w) => n + ((w.limit ?? 0) - w.used), 0);
  const closesAt = new Date(Math.max(...withRoom.map((w) => w.expiresAt.getTime())));
  return { state: 'open', closesAt, messagesLeft, closedAt: null };
}
