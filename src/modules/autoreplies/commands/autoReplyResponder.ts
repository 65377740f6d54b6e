import type { Executor } from '../../../platform/db/connect.js';
import type { AccountRow } from '../../accounts/index.js';
import { loadAutoReplyRules } from '../store.js';
import { insertConversationMessage, publishedArticleMessage, type ConversationRow } from '../../messaging/index.js';
import { matchAutoReply, type AutoReplyInput } from '../rules.js';
import { fromAutoReply } from '../../messaging/rules/outboundContent.js';

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
