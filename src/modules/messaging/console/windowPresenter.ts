import type { WindowView } from '../rules/serviceWindow.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The customer-service window as the console shows it beside a follower (消息管理 and the
 * customer-service inbox): whether replies can be sent, how many and until when.
 */
export function presentWindow(w: WindowView) {
  return { state: w.state, closes_at: iso(w.closesAt), messages_left: w.messagesLeft, closed_at: iso(w.closedAt) };
}
