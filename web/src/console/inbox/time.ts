/**
 * Times in the inbox. Herald's clock can be moved forward (emulator time travel), so relative
 * times are measured against the server's "now" from the last answer, not the browser's.
 */
import { dateTime } from '../format.js';
import type { ConversationMessage, WindowInfo } from './types.js';

/** The server's clock as of now: its last "now", moved on by the time passed here since. */
export function serverClock(serverNowIso: string | undefined, receivedAtMs: number): () => number {
  const base = serverNowIso ? new Date(serverNowIso).getTime() : NaN;
  return () => (Number.isNaN(base) ? Date.now() : base + (Date.now() - receivedAtMs));
}

/** "40 s", "3 min", "5 h", "2 d 3 h". */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  const d = Math.floor(h / 24);
  const rest = h % 24;
  return rest ? `${d} d ${rest} h` : `${d} d`;
}

/** "5 min ago" against the server's clock. */
export function since(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  return nowMs - t < 5000 ? 'just now' : `${span(nowMs - t)} ago`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line about the customer-service window, e.g. "Window open · 3 replies left · closes in 46 h". */
export function windowLabel(w: WindowInfo, nowMs: number): string {
  const closesIn = w.closes_at ? span(new Date(w.closes_at).getTime() - nowMs) : '';
  if (w.state === 'open') {
    const left = w.messages_left === null ? 'unlimited replies' : `${plural(w.messages_left, 'reply', 'replies')} left`;
    return `Window open · ${left} · closes in ${closesIn}`;
  }
  if (w.state === 'exhausted') return `No replies left · window closes in ${closesIn}`;
  return 'Window closed';
}

/** The window in a few words for a list: "3 replies left · 46 h", "No replies left", "Window closed". */
export function windowShort(w: WindowInfo, nowMs: number): string {
  if (w.state === 'closed') return 'Window closed';
  if (w.state === 'exhausted') return 'No replies left';
  const left = w.messages_left === null ? 'Unlimited replies' : `${plural(w.messages_left, 'reply', 'replies')} left`;
  return w.closes_at ? `${left} · ${span(new Date(w.closes_at).getTime() - nowMs)}` : left;
}

/** What can be done about a window that does not allow a reply, or null when it does. */
export function windowProblem(w: WindowInfo): string | null {
  if (w.state === 'open') return null;
  if (w.state === 'exhausted') {
    return 'Every message this window allows has been sent. The follower must message again before you can reply.';
  }
  const when = w.closed_at ? ` on ${dateTime(w.closed_at)}` : '';
  return `The 48-hour window closed${when}; the follower must message again before you can reply.`;
}

const SOURCES: Record<string, string> = {
  custom: 'Customer-service API',
  passive: 'Developer server',
  autoreply: 'Auto-reply',
  mass: 'Broadcast',
  template: 'Template message',
  system: 'WeChat',
};

/** Who sent a message to the follower: the representative (and the operator), or what sent it. */
export function answeredBy(m: Pick<ConversationMessage, 'source' | 'kf_account' | 'kf_nickname' | 'operator_name'>): string {
  if (m.kf_account) {
    const name = m.kf_nickname ?? m.kf_account;
    return m.operator_name ? `${name} · ${m.operator_name}` : name;
  }
  return SOURCES[m.source] ?? m.source;
}
