import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { findInboundByMsgId, followerByOpenid, insertConversationMessage, type ConversationRow } from '../store/conversations.js';
import { enqueueWaitingSession, recordUserMessageInSession } from '../../kf/index.js';
import { fromPassiveReply } from '../rules/outboundContent.js';
import { SERVICE_UNAVAILABLE_TEXT, failureShownToFollower, replyReachesFollower } from '../rules/conversation.js';
import type { SettleEffects, SettleHandler, SettledDelivery } from '../../callbacks/index.js';
import { publishConversation } from '../realtime.js';

/**
 * What the follower sees once the developer's server has answered a push (registered by the messaging
 * manifest's `connect` with the callback worker's settle step, so it runs in the settle transaction, exactly once):
 * - a valid passive reply becomes an outbound conversation message (source passive);
 * - transfer_customer_service puts the follower in the customer-service wait queue (for the
 *   representative named in TransInfo, if any);
 * - an invalid answer, or none after every attempt, shows WeChat's "该公众号暂时无法提供服务，
 *   请稍后再试" notice (source system) for messages and the events a follower waits on.
 */
/** What the customer-service record shows of a follower's message. */
function inquiryText(row: ConversationRow): string {
  const content = row.content as { content?: unknown };
  return row.msgType === 'text' && typeof content.content === 'string' ? content.content : `[${row.msgType}]`;
}

export function passiveReplyRecorder(services: Pick<Services, 'realtime'>): SettleHandler {
  return async (tx: Executor, s: SettledDelivery): Promise<SettleEffects | void> => {
    const { delivery, account, outcome, at } = s;
    const follower = await followerByOpenid(tx, account.id, delivery.openid);
    if (!follower || !follower.subscribed) return;
    const who = { account, userId: follower.userId, openid: delivery.openid, at };
    const rows: ConversationRow[] = [];
    let deliveriesQueued = false;

    if (outcome.status === 'delivered' && outcome.replyStatus === 'valid') {
      if (!replyReachesFollower(delivery.kind, delivery.label)) return;
      const reply = outcome.reply;
      if (reply.msgType === 'transfer_customer_service') {
        const queued = await enqueueWaitingSession(tx, account.id, delivery.openid, { preferredKf: reply.kfAccount, at });
        deliveriesQueued = queued.eventsQueued;
        // The message that was handed over starts the representatives' 48-hour response clock.
        const asked = delivery.msgId ? await findInboundByMsgId(tx, account.id, delivery.openid, delivery.msgId) : undefined;
        if (asked) await recordUserMessageInSession(tx, account.id, delivery.openid, inquiryText(asked), asked.createdAt);
      } else {
        const m = fromPassiveReply(reply);
        if (m) rows.push(await insertConversationMessage(tx, { ...who, direction: 'out', source: 'passive', msgType: m.msgType, content: m.content }));
      }
    } else if (outcome.status === 'failed' || outcome.replyStatus === 'invalid') {
      // A manual re-send from the inspector is the developer's test; the follower saw the first outcome.
      if (delivery.resendOf !== null || !failureShownToFollower(delivery.kind, delivery.label)) return;
      rows.push(await insertConversationMessage(tx, { ...who, direction: 'out', source: 'system', msgType: 'system', content: { content: SERVICE_UNAVAILABLE_TEXT } }));
    }
    return {
      deliveriesQueued,
      afterCommit: rows.length > 0 ? () => publishConversation(services, account, rows) : undefined,
    };
  };
}
