import type { Services } from '../../../main/services.js';
import { hasServer } from '../../callbacks/index.js';
import type { FollowHandler } from '../../followers/index.js';
import { publishConversation } from '../../messaging/index.js';
import { autoReplyFor } from './autoReplyResponder.js';

/**
 * Inside the transaction of a follow (followers): when the account has no enabled developer
 * server, its follow auto-reply is sent; the phone hears of it after the commit.
 */
export function followReplier(services: Services): FollowHandler {
  return async (tx, change) => {
    if (change.kind !== 'follow') return undefined;
    const { account, userId, openid, now } = change;
    const rows = hasServer(account) ? [] : await autoReplyFor(tx, account, { userId, openid }, { kind: 'subscribe' }, { at: now, publicUrl: services.config.publicUrl });
    return () => publishConversation(services, account, rows);
  };
}
