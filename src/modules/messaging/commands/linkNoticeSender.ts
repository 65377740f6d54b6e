import type { Services } from '../../../main/services.js';
import type { LinkHandler } from '../../miniprograms/index.js';
import { linkNotice } from '../../miniprograms/rules/miniProgram.js';
import { insertForEveryFollower } from '../store/conversations.js';
import { publishConversation } from '../realtime.js';

/** Above this many followers the phones find the notice when they next load the chat, not live. */
const LIVE_AT_MOST = 1000;

/**
 * Inside the transaction that links a mini program (miniprograms): with `notify_users`, every
 * current follower of the account gets WeChat's notice in the chat (one statement for all of
 * them); after the commit their phones are told.
 */
export function linkNoticeSender(services: Pick<Services, 'realtime'>): LinkHandler {
  return async (tx, made) => {
    if (!made.notifyUsers) return undefined;
    const { rows } = await insertForEveryFollower(
      tx,
      { account: made.account, source: 'system', msgType: 'system', content: linkNotice(made.miniProgram), at: made.now },
      LIVE_AT_MOST,
    );
    return rows && rows.length > 0 ? () => publishConversation(services, made.account, rows) : undefined;
  };
}
