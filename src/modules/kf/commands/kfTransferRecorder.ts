import type { Executor } from '../../../platform/db/connect.js';
import type { SettleEffects, SettledDelivery } from '../../callbacks/index.js';
import { findInboundByMsgId, followerByOpenid, type ConversationRow } from '../../messaging/index.js';
import { replyReachesFollower } from '../../messaging/rules/conversation.js';
import { enqueueWaitingSession } from './kfSessionQueuer.js';
import { recordUserMessageInSession } from './kfUserMessageRecorder.js';

/** What the customer-service record shows of a follower's message. */
function inquiryText(row: ConversationRow): string {
  const content = row.content as { content?: unknown };
  return row.msgType === 'text' && typeof content.content === 'string' ? content.content : `[${row.msgType}]`;
}

/**
 * A developer's passive reply transfer_customer_service puts the follower in the customer-service
 * wait queue (for the representative named in TransInfo, if any), and the message that was
 * handed over starts the representatives' 48-hour response clock. Registered by the kf
 * manifest's `connect` with the callback worker's settle step, so it runs in the settle
 * transaction, exactly once; only for a follower who still follows, and for pushes whose reply
 * reaches the follower.
 */
export async function kfTransferRecorder(tx: Executor, s: SettledDelivery): Promise<SettleEffects | void> {
  const { delivery, account, outcome, at } = s;
  if (outcome.status !== 'delivered' || outcome.replyStatus !== 'valid' || outcome.reply.msgType !== 'transfer_customer_service') return;
  const reply = outcome.reply;
  const follower = await followerByOpenid(tx, account.id, delivery.openid);
  if (!follower || !follower.subscribed) return;
  if (!replyReachesFollower(delivery.kind, delivery.label)) return;
  const queued = await enqueueWaitingSession(tx, account.id, delivery.openid, { preferredKf: reply.kfAccount, at });
  const asked = delivery.msgId ? await findInboundByMsgId(tx, account.id, delivery.openid, delivery.msgId) : undefined;
  if (asked) await recordUserMessageInSession(tx, account.id, delivery.openid, inquiryText(asked), asked.createdAt);
  return { deliveriesQueued: queued.eventsQueued };
}
