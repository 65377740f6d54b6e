import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { followerByOpenid, insertConversationMessage, type ConversationRow } from '../store/conversations.js';
import { fromPassiveReply } from '../rules/outboundContent.js';
import { SERVICE_UNAVAILABLE_TEXT, failureShownToFollower, replyReachesFollower } from '../rules/conversation.js';
import type { SettleEffects, SettleHandler, SettledDelivery } from '../../callbacks/index.js';
import { publishConversation } from '../realtime.js';

/**
 * What the follower sees once the developer's server has answered a push (registered by the messaging
 * manifest's `connect` with the callback worker's settle step, so it runs in the settle transaction, exactly once):
 * - a valid passive reply becomes an outbound conversation message (source passive);
 *   transfer_customer_service is not a message: the kf module's own settle handler queues the
 *   follower for a representative;
 * - an invalid answer, or none after every attempt, shows WeChat's "该公众号暂时无法提供服务，
 *   请稍后再试" notice (source system) for messages and the events a follower waits on.
 */
export function passiveReplyRecorder(services: Pick<Services, 'realtime'>): SettleHandler {
  return async (tx: Executor, s: SettledDelivery): Promise<SettleEffects | void> => {
    const { delivery, account, outcome, at } = s;
    const follower = await followerByOpenid(tx, account.id, delivery.openid);
    if (!follower || !follower.subscribed) return;
    const who = { account, userId: follower.userId, openid: delivery.openid, at };
    const rows: ConversationRow[] = [];

    if (outcome.status === 'delivered' && outcome.replyStatus === 'valid') {
      if (!replyReachesFollower(delivery.kind, delivery.label)) return;
      const m = fromPassiveReply(outcome.reply);
      if (m) rows.push(await insertConversationMessage(tx, { ...who, direction: 'out', source: 'passive', msgType: m.msgType, content: m.content }));
    } else if (outcome.status === 'failed' || outcome.replyStatus === 'invalid') {
      // A manual re-send from the inspector is the developer's test; the follower saw the first outcome.
      if (delivery.resendOf !== null || !failureShownToFollower(delivery.kind, delivery.label)) return;
      rows.push(await insertConversationMessage(tx, { ...who, direction: 'out', source: 'system', msgType: 'system', content: { content: SERVICE_UNAVAILABLE_TEXT } }));
    }
    return { afterCommit: rows.length > 0 ? () => publishConversation(services, account, rows) : undefined };
  };
}
