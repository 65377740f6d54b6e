import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';
import { insertDelivery } from './store/deliveries.js';
import type { PushMessage } from '../../protocol/pushMessages.js';

/** Whether pushes to this account go anywhere (an enabled developer server with a URL). */
export const hasServer = (account: Pick<AccountRow, 'serverEnabled' | 'serverUrl'>): boolean => account.serverEnabled && !!account.serverUrl;

/**
 * Writes a push into the callback outbox inside the caller's transaction. Without an enabled
 * server it is recorded as skipped (the inspector still shows what would have been sent).
 * Returns the delivery id and whether the worker has something to do (wake it after commit).
 */
export async function queuePush(
  tx: Executor,
  account: Pick<AccountRow, 'id' | 'serverEnabled' | 'serverUrl'>,
  openid: string,
  push: PushMessage,
  now: Date,
): Promise<{ deliveryId: number; pending: boolean }> {
  const pending = hasServer(account);
  const deliveryId = await insertDelivery(tx, {
    accountId: account.id,
    kind: push.kind,
    label: push.label,
    msgId: push.msgId,
    openid,
    payloadXml: push.xml,
    now,
    status: pending ? 'pending' : 'skipped',
  });
  return { deliveryId, pending };
}
