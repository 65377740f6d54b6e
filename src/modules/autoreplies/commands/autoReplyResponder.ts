import type { Executor } from '../../../platform/db/connect.js';
import type { AccountRow } from '../../accounts/index.js';
import { loadAutoReplyRules } from '../store.js';
import { insertConversationMessage, publishedArticleMessage, type ConversationRow } from '../../messaging/index.js';
import { matchAutoReply, type AutoReply, type AutoReplyInput } from '../rules.js';
import { fromMedia, type OutboundMessage } from '../../messaging/rules/outboundContent.js';
import { mediaPath } from '../../media/rules/media.js';

/**
 * Answers a follower with the account's auto-replies (an account without an enabled developer
 * server): the subscribe reply on follow; on a message the first matching keyword rule, else
 * the default reply. Records the replies in the conversation inside the caller's transaction
 * and returns them (publish them after commit). A 图文 reply is built from the published article
 * as it is now; one whose article was deleted since is left out (nothing to show).
 */
export async function autoReplyFor(
  tx: Executor,
  account: Pick<AccountRow, 'id' | 'type'>,
  follower: { userId: string; openid: string },
  input: AutoReplyInput,
  when: { at: Date; publicUrl: string },
  random: () => number = Math.random,
): Promise<ConversationRow[]> {
  const replies = matchAutoReply(await loadAutoReplyRules(tx, account.id), input, random);
  const rows: ConversationRow[] = [];
  for (const reply of replies) {
    const m = reply.type === 'article' ? await publishedArticleMessage(tx, when.publicUrl, account.id, reply.article_id) : fromAutoReply(reply);
    if (!m) continue;
    rows.push(
      await insertConversationMessage(tx, {
        account,
        userId: follower.userId,
        openid: follower.openid,
        direction: 'out',
        source: 'autoreply',
        msgType: m.msgType,
        content: m.content,
        at: when.at,
      }),
    );
  }
  return rows;
}

/**
 * The message an auto-reply sends. A 图文 reply (`article`) is built from the published article
 * (publishedArticleMessage), so it is not handled here.
 */
function fromAutoReply(r: Exclude<AutoReply, { type: 'article' }>): OutboundMessage {
  switch (r.type) {
    case 'text':
      return { msgType: 'text', content: { content: r.content } };
    case 'image':
    case 'voice':
    case 'video':
      return fromMedia(r.type, r.media_id);
    case 'news':
      return { msgType: 'news', content: { articles: [{ title: r.title, description: r.description, url: r.url, picurl: r.picurl }] } };
    case 'miniprogrampage':
      return {
        msgType: 'miniprogrampage',
        content: { title: r.title, appid: r.appid, pagepath: r.pagepath, thumb_media_id: r.thumb_media_id, thumb_url: mediaPath(r.thumb_media_id) },
      };
  }
}
