import type { Services } from '../services.js';
import { DomainError } from '../errors.js';
import { findAccountByAppid } from '../store/accounts.js';
import { findFollowerUser } from '../store/users.js';
import { findFollow } from '../store/followers.js';
import { insertDelivery } from '../store/deliveries.js';
import { newMsgId, textMessage } from '../wechat/messages.js';
import { notifyDeliveriesQueued } from '../jobs/wake.js';

/** A message a user sends (text for now; other types follow the same path). */
export type UserMessageInput = { msgtype: 'text'; content: string };

/** The queued message: its MsgId, the sender's openid and the delivery carrying it. */
export interface SentUserMessage {
  msgId: string;
  openid: string;
  deliveryId: number;
}

/** The longest text a user can send (WeChat's input box stops well before this). */
export const MAX_TEXT_CHARS = 4096;
// Characters XML 1.0 cannot carry at all.
const XML_ILLEGAL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * A follower sends a message to an account; the push is queued in the outbox. Only current
 * followers can message an account (WeChat shows non-followers the follow button instead).
 */
export async function sendUserMessage(services: Services, userId: string, appid: string, input: UserMessageInput): Promise<SentUserMessage> {
  if (input.msgtype !== 'text') throw new DomainError('invalid_message', `Unsupported msgtype ${String(input.msgtype)}.`);
  const content = input.content;
  if (typeof content !== 'string' || content.trim().length === 0) throw new DomainError('invalid_message', 'content must not be empty.');
  if (content.length > MAX_TEXT_CHARS) throw new DomainError('invalid_message', `content must be at most ${MAX_TEXT_CHARS} characters.`);
  if (XML_ILLEGAL_RE.test(content)) throw new DomainError('invalid_message', 'content contains control characters.');
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);

  const sent = await services.db.transaction(async (tx) => {
    const follow = await findFollow(tx, account.id, user.id);
    if (!follow || !follow.subscribed) throw new DomainError('not_following', 'Only followers can send messages to this account.');
    const now = services.clock.now();
    const msgId = newMsgId(now.getTime());
    const push = textMessage({ originalId: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) }, { content, msgId });
    const deliveryId = await insertDelivery(tx, {
      accountId: account.id,
      kind: push.kind,
      label: push.label,
      msgId,
      openid: follow.openid,
      payloadXml: push.xml,
      now,
      status: account.serverEnabled && account.serverUrl ? 'pending' : 'skipped',
    });
    return { msgId, openid: follow.openid, deliveryId };
  });
  notifyDeliveriesQueued(services);
  return sent;
}
