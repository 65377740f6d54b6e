/**
 * Times in the inbox. Herald's clock can be moved forward (emulator time travel), so relative
 * times are measured against the server's "now" from the last answer, not the browser's.
 */
import { dateTime } from '../format.js';
import type { ConversationMessage, WindowInfo } from './types.js';
import { t } from '../../i18n/index.js';

/** The server's clock as of now: its last "now", moved on by the time passed here since. */
export function serverClock(serverNowIso: string | undefined, receivedAtMs: number): () => number {
  const base = serverNowIso ? new Date(serverNowIso).getTime() : NaN;
  return () => (Number.isNaN(base) ? Date.now() : base + (Date.now() - receivedAtMs));
}

/** "40 s", "3 min", "5 h", "2 d 3 h". */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('inbox.spanSeconds', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return t('inbox.spanMinutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t('inbox.spanHours', { n: h });
  const d = Math.floor(h / 24);
  const rest = h % 24;
  return rest ? t('inbox.spanDaysHours', { d, h: rest }) : t('inbox.spanDays', { n: d });
}

/** "5 min ago" against the server's clock. */
export function since(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return '';
  return nowMs - at < 5000 ? t('inbox.justNow') : t('inbox.spanAgo', { span: span(nowMs - at) });
}

/** One line about the customer-service window, e.g. "Window open · 3 replies left · closes in 46 h". */
export function windowLabel(w: WindowInfo, nowMs: number): string {
  const closesIn = w.closes_at ? span(new Date(w.closes_at).getTime() - nowMs) : '';
  if (w.state === 'open') {
    const left = w.messages_left === null ? t('inbox.unlimitedRepliesLower') : t('inbox.repliesLeft', { count: w.messages_left });
    return t('inbox.windowOpenClosesIn', { left, closesIn });
  }
  if (w.state === 'exhausted') return t('inbox.noRepliesLeftWindow', { closesIn });
  return t('inbox.windowClosed');
}

/** The window in a few words for a list: "3 replies left · 46 h", "No replies left", "Window closed". */
export function windowShort(w: WindowInfo, nowMs: number): string {
  if (w.state === 'closed') return t('inbox.windowClosed');
  if (w.state === 'exhausted') return t('inbox.noRepliesLeft');
  const left = w.messages_left === null ? t('inbox.unlimitedReplies') : t('inbox.repliesLeft', { count: w.messages_left });
  return w.closes_at ? t('inbox.leftSpan', { left, span: span(new Date(w.closes_at).getTime() - nowMs) }) : left;
}

/** What can be done about a window that does not allow a reply, or null when it does. */
export function windowProblem(w: WindowInfo): string | null {
  if (w.state === 'open') return null;
  if (w.state === 'exhausted') {
    return t('inbox.everyMessageThisWindow');
  }
  return w.closed_at ? t('inbox.the48HourWindowOn', { time: dateTime(w.closed_at) }) : t('inbox.the48HourWindow');
}

const SOURCES: Record<string, string> = {
  custom: t('inbox.customerServiceApi'),
  passive: t('inbox.developerServer'),
  autoreply: t('inbox.autoReply'),
  mass: t('inbox.broadcast'),
  template: t('inbox.templateMessage'),
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
