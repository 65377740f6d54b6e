import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { conversationMessages } from '../../messaging/schema.js';
import { previewText, type MessageContent } from '../../messaging/rules/conversation.js';
import { hasRoom, isOpen, type WindowState } from '../../messaging/rules/serviceWindow.js';
import type { Preview } from './inboxPresenter.js';

/** The longest preview line the inbox lists show. */
const PREVIEW_CHARS = 120;

/** One line of at most PREVIEW_CHARS characters (code points, so no emoji is cut in half). */
const oneLine = (s: string) => {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…` : chars.join('');
};

/** The latest message of each of these conversations (either direction), as one line. */
export async function latestPreviews(db: Executor, accountId: string, openids: readonly string[]): Promise<Map<string, Preview>> {
  const wanted = [...new Set(openids)].slice(0, 1000);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([conversationMessages.openid], {
      openid: conversationMessages.openid,
      direction: conversationMessages.direction,
      msgType: conversationMessages.msgType,
      content: conversationMessages.content,
      createdAt: conversationMessages.createdAt,
    })
    .from(conversationMessages)
    .where(and(eq(conversationMessages.accountId, accountId), inArray(conversationMessages.openid, wanted), sql`${conversationMessages.source} <> 'system'`))
    .orderBy(conversationMessages.openid, desc(conversationMessages.id));
  return new Map(
    rows.map((r) => [r.openid, { text: oneLine(previewText(r.msgType, (r.content ?? {}) as MessageContent)), direction: r.direction === 'out' ? 'out' : 'in', at: r.createdAt }]),
  );
}

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
