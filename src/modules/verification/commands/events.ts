import type { Executor } from '../../../platform/db/connect.js';
import { systemSenderOpenid, verificationEvent, type VerificationEventName } from '../../../protocol/pushMessages.js';
import type { AccountRow } from '../../accounts/index.js';
import { queuePush } from '../../callbacks/index.js';

/**
 * Queues a verification event (qualification_verify_success ... verify_expired) in the callback
 * outbox inside the caller's transaction. Returns whether the callback worker has something to
 * send (wake it after commit with `deliveriesQueued`).
 */
export async function queueVerificationEvent(
  tx: Executor,
  account: Pick<AccountRow, 'id' | 'originalId' | 'serverEnabled' | 'serverUrl'>,
  input: { event: VerificationEventName; expiredTime?: Date; failReason?: string },
  at: Date,
): Promise<boolean> {
  const openid = systemSenderOpenid(account.id);
  const sec = (d: Date) => Math.floor(d.getTime() / 1000);
  const push = verificationEvent(
    { originalId: account.originalId, openid, createTime: sec(at) },
    { event: input.event, expiredTime: input.expiredTime ? sec(input.expiredTime) : undefined, failTime: sec(at), failReason: input.failReason },
  );
  const { pending } = await queuePush(tx, account, openid, push, at);
  return pending;
}
