import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { conversationMessages } from '../../messaging/schema.js';
import { previewParts, previewText, type MessageContent } from '../../messaging/rules/conversation.js';
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
    rows.map((r) => {
      const content = (r.content ?? {}) as MessageContent;
      const parts = previewParts(r.msgType, content);
      return [r.openid, { text: oneLine(previewText(r.msgType, content)), parts: { kind: parts.kind, text: oneLine(parts.text) }, direction: r.direction === 'out' ? 'out' : 'in', at: r.createdAt }];
    }),
  );
}
